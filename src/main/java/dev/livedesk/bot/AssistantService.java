package dev.livedesk.bot;

import dev.livedesk.Threads;
import dev.livedesk.chat.Change;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationMoved;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.ConversationStore;
import dev.livedesk.chat.CustomerMessageListener;
import dev.livedesk.chat.Message;
import dev.livedesk.chat.Notice;
import dev.livedesk.chat.Sender;
import dev.livedesk.chat.Suggestion;
import dev.livedesk.chat.service.ChatEvents;
import dev.livedesk.chat.service.LifecycleService;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.inbox.InboxStore;
import dev.livedesk.stream.StreamHub;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;

/**
 * The assistant's turn in a conversation it holds (state BOT). Every customer message gets a reply:
 * <ul>
 *   <li>small talk (a greeting, thanks, "are you a bot", "I have a question") gets a short fitting reply, with topics
 *       to pick after a vague request ({@link SmallTalk}); it is never a miss and never hands over;</li>
 *   <li>a request for a person hands the conversation to the queue (its notice is the reply);</li>
 *   <li>a question the knowledge base answers (see {@link FaqIndex}, {@link Calibration}) gets that answer, streamed
 *       at a reading pace ({@link AnswerStream}); with a language model configured the model writes it from the
 *       retrieved entries ({@link ModelAnswers});</li>
 *   <li>any other question is a miss ({@link Misses}).</li>
 * </ul>
 * Retrieval embeds text and a model may take seconds, so turns run on the assistant's own threads, never on the
 * request's or an event loop, one conversation's questions in order ({@link Turns}). Whenever the conversation has
 * left BOT meanwhile, the assistant stops: it never answers in another state. This class decides; the others carry
 * out.
 */
@Startup
@ApplicationScoped
public class AssistantService implements CustomerMessageListener {

    private final KnowledgeService knowledge;
    private final LifecycleService lifecycle;
    private final long maxQueueWaitNanos;
    private final List<Pattern> handoff;
    private final Counter lexical;
    private final Counter handoffsRequested;
    /** Paces every streamed answer and times the language model; never calls the store. */
    private final ScheduledExecutorService pacer = Threads.scheduler("livedesk-assistant");
    /** The threads that rank questions (the embedding models), at the lowest priority. */
    private final ExecutorService work;
    /** Store calls of answers being streamed, so that the pacing thread never waits for the store. */
    private final ExecutorService storeCalls = Executors.newSingleThreadExecutor(
            Threads.daemon("livedesk-assistant-store"));
    private final Turns turns;
    private final AnswerStream answers;
    private final ModelAnswers model;
    private final Misses misses;
    private final ConversationStore store;
    private final ChatEvents events;
    private final Clock clock;
    private final Counter smallTalk;
    private final LiveDeskConfig.Greeting greeting;
    private final InboxStore inboxes;

    public AssistantService(KnowledgeService knowledge, GeneratedAnswers generated, UnansweredStore unanswered,
                            LifecycleService lifecycle, ConversationStore store, ChatEvents events, StreamHub hub,
                            InboxStore inboxes, LiveDeskConfig config, MeterRegistry registry, Clock clock) {
        this.knowledge = knowledge;
        this.inboxes = inboxes;
        this.lifecycle = lifecycle;
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.greeting = config.bot().greeting();
        this.smallTalk = Counter.builder("livedesk.assistant.small-talk")
                .description("Greetings, thanks and the like the assistant replied to").register(registry);
        this.maxQueueWaitNanos = config.bot().maxQueueWait().toNanos();
        this.handoff = config.bot().handoffPhrases().stream().map(AssistantService::phrasePattern).toList();
        this.lexical = Counter.builder("livedesk.assistant.lexical")
                .description("Questions ranked by BM25 alone because they waited for the assistant's threads "
                        + "at least livedesk.bot.max-queue-wait").register(registry);
        this.handoffsRequested = handoffs(registry, "request");
        int threads = threads(config.bot().threads(), Runtime.getRuntime().availableProcessors());
        this.work = Executors.newFixedThreadPool(threads, Threads.yielding("livedesk-assistant-work"));
        this.turns = new Turns(work);
        this.answers = new AnswerStream(store, events, hub, clock, config.bot().deltaInterval().toMillis(), pacer,
                storeCalls, Counter.builder("livedesk.assistant.answers")
                        .description("Answers the assistant stored").register(registry));
        this.model = new ModelAnswers(generated, answers, pacer,
                Counter.builder("livedesk.assistant.generated")
                        .description("Answers written by the language model").register(registry),
                Counter.builder("livedesk.assistant.fallbacks")
                        .description("Generated answers replaced by the retrieved one (error, timeout, empty)")
                        .register(registry));
        this.misses = new Misses(store, events, lifecycle, unanswered, clock, config.bot().maxMisses(),
                Counter.builder("livedesk.assistant.misses")
                        .description("Questions the assistant could not answer").register(registry),
                handoffs(registry, "misses"));
    }

    /**
     * A conversation that starts with the assistant opens with its greeting (its inbox's, else the configured one) in
     * the customer's language and up to {@code livedesk.bot.greeting.topics} topics to pick, stored as its first
     * message, so agents see what the customer saw. Runs in the request that starts the conversation, so the greeting is there before its answer.
     */
    void onConversationMoved(@Observes ConversationMoved moved) {
        Conversation conversation = moved.conversation();
        if (moved.before() != null || conversation.status() != ConversationStatus.BOT || !greeting.enabled()) {
            return;
        }
        String lang = Notice.isChinese(conversation.profile().locale()) ? "zh" : "en";
        int count = Math.max(0, Math.min(4, greeting.topics()));
        List<Suggestion> topics = count == 0 ? List.of() : knowledge.withIndex(index -> index.topics(lang, count))
                .stream().map(entry -> new Suggestion(entry.topic(), entry.question())).toList();
        String configured = "zh".equals(lang) ? greeting.zh() : greeting.en();
        String text = inboxes.inbox(conversation.inboxId()).map(inbox -> inbox.greeting().get(lang)).orElse(configured);
        postIfStillBot(new Message(UUID.randomUUID().toString(), conversation.id(), Sender.bot(), text,
                clock.instant(), null, List.of(), topics));
    }

    @Override
    public void onCustomerMessage(Conversation conversation, Message message) {
        Optional<SmallTalk.Kind> manners = SmallTalk.classify(message.text());
        if (manners.isPresent()) {
            turns.after(conversation.id(), queuedAt -> reply(conversation.id(), manners.get(), message.text()));
            return;
        }
        if (asksForPerson(message.text())) {
            lifecycle.handOff(conversation.id());
            handoffsRequested.increment();
            return;
        }
        turns.after(conversation.id(), queuedAt -> turn(conversation.id(), message, queuedAt));
    }

    /** The ranking threads: as configured, else half the processors, at least one. */
    static int threads(OptionalInt configured, int processors) {
        if (configured.isPresent() && configured.getAsInt() < 1) {
            throw new IllegalArgumentException("livedesk.bot.threads must be at least 1, not " + configured.getAsInt());
        }
        return configured.orElse(Math.max(1, processors / 2));
    }

    /** Whether the text asks for a person; Latin phrases match as whole words, others anywhere. */
    boolean asksForPerson(String text) {
        return handoff.stream().anyMatch(pattern -> pattern.matcher(text).find());
    }

    private static Pattern phrasePattern(String phrase) {
        String quoted = Pattern.quote(phrase.strip());
        boolean latin = phrase.chars().allMatch(c -> c < 0x0250);
        return Pattern.compile(latin ? "(?iu)(?<!\\p{L})" + quoted + "(?!\\p{L})" : quoted);
    }

    /**
     * One question's turn, on one of the assistant's threads: ranks the question and decides between an answer and
     * a miss. The wait counted is the one for a thread since the conversation's previous turn ended, not that turn's
     * reading-paced streaming: only a backlog of questions makes the assistant drop its embeddings.
     */
    private CompletableFuture<Void> turn(String conversationId, Message message, long queuedAt) {
        boolean behind = System.nanoTime() - queuedAt >= maxQueueWaitNanos;
        if (behind) {
            lexical.increment();
        }
        Retrieval retrieval = knowledge.withIndex(index -> behind ? index.lexicalSearch(message.text())
                : index.search(message.text()));
        Optional<FaqEntry> answer = retrieval.answer();
        if (answer.isEmpty()) {
            misses.miss(conversationId, message, retrieval);
            return CompletableFuture.completedFuture(null);
        }
        if (model.enabled()) {
            return model.answer(conversationId, message.text(), retrieval, answer.get());
        }
        return answers.stream(conversationId, answer.get().answer());
    }

    /**
     * Replies to small talk at once (it is short: no streaming), unless the conversation has left the assistant;
     * the misses in a row stay as they are.
     */
    private CompletableFuture<Void> reply(String conversationId, SmallTalk.Kind kind, String text) {
        String lang = FaqIndex.languageOf(text);
        List<Suggestion> topics = kind != SmallTalk.Kind.HAS_QUESTION ? List.of()
                : knowledge.withIndex(index -> index.topics(lang, Misses.SUGGESTIONS)).stream()
                        .map(entry -> new Suggestion(entry.topic(), entry.question())).toList();
        Message reply = new Message(UUID.randomUUID().toString(), conversationId, Sender.bot(),
                SmallTalk.reply(kind, lang), clock.instant(), null, List.of(), topics);
        if (postIfStillBot(reply)) {
            smallTalk.increment();
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Stores the assistant's message unless the conversation has left the assistant; says whether it did. */
    private boolean postIfStillBot(Message message) {
        return store.change(message.conversationId(), current -> current.status() != ConversationStatus.BOT
                ? Optional.empty()
                : Optional.of(new Change(current, List.of(new Change.Emit(events.message(message), message)))))
                .stored();
    }

    private static Counter handoffs(MeterRegistry registry, String reason) {
        return Counter.builder("livedesk.assistant.handoffs").tag("reason", reason)
                .description("Conversations the assistant handed to the queue").register(registry);
    }

    @PreDestroy
    void stop() {
        work.shutdownNow();
        pacer.shutdownNow();
        storeCalls.shutdownNow();
    }
}
