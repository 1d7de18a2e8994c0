package dev.livedesk.bot;

import dev.livedesk.Threads;
import dev.livedesk.chat.Change;
import dev.livedesk.chat.Changed;
import dev.livedesk.chat.service.ChatEvents;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.ConversationStore;
import dev.livedesk.chat.CustomerMessageListener;
import dev.livedesk.chat.service.LifecycleService;
import dev.livedesk.chat.Message;
import dev.livedesk.chat.Notice;
import dev.livedesk.chat.Sender;
import dev.livedesk.chat.Suggestion;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.event.EventTypes;
import dev.livedesk.event.StreamKey;
import dev.livedesk.stream.StreamHub;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * The assistant's turn in a conversation it holds (state BOT). Every customer message gets a reply:
 * <ul>
 *   <li>a request for a person hands the conversation to the queue (its notice is the reply);</li>
 *   <li>a question the knowledge base answers (see {@link FaqIndex}, {@link Calibration}) gets that answer, streamed
 *       as ephemeral {@code message-delta} chunks and then stored as one durable {@code message} whose id is the
 *       draft's; with a language model configured ({@link GeneratedAnswers}) the answer is written by the model from
 *       the retrieved entries and its tokens stream as they come, falling back to the retrieved answer on an error,
 *       an empty answer or the timeout;</li>
 *   <li>any other question is a miss: the reply says so in the customer's language, offers up to three topics
 *       ({@code "suggestions"}) and a person; {@code livedesk.bot.max-misses} misses in a row hand the conversation
 *       over instead. Every miss is recorded ({@link UnansweredStore}).</li>
 * </ul>
 * Retrieval embeds text and a model may take seconds, so turns run on the assistant's own threads, never on the
 * request's or an event loop; one conversation's questions are answered in order. Whenever the conversation has left BOT meanwhile, the assistant stops: it never
 * answers in another state.
 */
@Startup
@ApplicationScoped
public class AssistantService implements CustomerMessageListener {

    private static final Logger LOG = Logger.getLogger(AssistantService.class);
    /** Characters per chunk of Chinese text, which has no spaces to break at. */
    private static final int CJK_CHUNK = 4;
    /** Topics offered with a reply the assistant is not sure of. */
    private static final int SUGGESTIONS = 3;
    /** Entries a language model is given to answer from. */
    private static final int GROUNDING = 3;
    /** How often a streaming model's draft checks that the conversation is still the assistant's. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final KnowledgeService knowledge;
    private final GeneratedAnswers generated;
    private final UnansweredStore unanswered;
    private final LifecycleService lifecycle;
    private final ConversationStore store;
    private final ChatEvents events;
    private final StreamHub hub;
    private final int maxMisses;
    private final long deltaMillis;
    private final long maxQueueWaitNanos;
    private final List<Pattern> handoff;
    private final Clock clock;
    private final Counter answers;
    private final Counter generatedAnswers;
    private final Counter fallbacks;
    private final Counter misses;
    private final Counter lexical;
    private final Counter handoffsRequested;
    private final Counter handoffsAfterMisses;
    private final ScheduledExecutorService writer = Threads.scheduler("livedesk-assistant");
    /**
     * The last turn of each conversation with one running or waiting: a conversation's questions are answered one
     * after the other, in the order they came, while different conversations run in parallel.
     */
    private final Map<String, CompletableFuture<Void>> turns = new ConcurrentHashMap<>();
    private final ExecutorService work;

    public AssistantService(KnowledgeService knowledge, GeneratedAnswers generated, UnansweredStore unanswered,
                            LifecycleService lifecycle, ConversationStore store, ChatEvents events, StreamHub hub,
                            LiveDeskConfig config, MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.answers = Counter.builder("livedesk.assistant.answers")
                .description("Answers the assistant stored").register(registry);
        this.generatedAnswers = Counter.builder("livedesk.assistant.generated")
                .description("Answers written by the language model").register(registry);
        this.fallbacks = Counter.builder("livedesk.assistant.fallbacks")
                .description("Generated answers replaced by the retrieved one (error, timeout, empty)")
                .register(registry);
        this.misses = Counter.builder("livedesk.assistant.misses")
                .description("Questions the assistant could not answer").register(registry);
        this.lexical = Counter.builder("livedesk.assistant.lexical")
                .description("Questions ranked by BM25 alone because they waited for the assistant's threads "
                        + "at least livedesk.bot.max-queue-wait").register(registry);
        this.handoffsRequested = handoffs(registry, "request");
        this.handoffsAfterMisses = handoffs(registry, "misses");
        this.knowledge = knowledge;
        this.generated = generated;
        this.unanswered = unanswered;
        this.lifecycle = lifecycle;
        this.store = store;
        this.events = events;
        this.hub = hub;
        this.maxMisses = config.bot().maxMisses();
        this.deltaMillis = config.bot().deltaInterval().toMillis();
        this.maxQueueWaitNanos = config.bot().maxQueueWait().toNanos();
        int threads = threads(config.bot().threads(), Runtime.getRuntime().availableProcessors());
        this.work = Executors.newFixedThreadPool(threads, Threads.yielding("livedesk-assistant-work"));
        this.handoff = config.bot().handoffPhrases().stream().map(AssistantService::phrasePattern).toList();
    }

    @Override
    public void onCustomerMessage(Conversation conversation, Message message) {
        if (asksForPerson(message.text())) {
            lifecycle.handOff(conversation.id());
            handoffsRequested.increment();
            return;
        }
        String id = conversation.id();
        CompletableFuture<Void> next = new CompletableFuture<>();
        CompletableFuture<Void> previous = turns.put(id, next);
        (previous == null ? CompletableFuture.<Void>completedFuture(null) : previous)
                .whenComplete((ignored, failure) -> startTurn(id, message, next));
    }

    /** Queues the question for the assistant's threads, from now: its wait for one begins here. */
    private void startTurn(String conversationId, Message message, CompletableFuture<Void> next) {
        long queuedAt = System.nanoTime();
        try {
            work.execute(() -> turn(conversationId, message, queuedAt).whenComplete((done, error) -> {
                if (error != null) {
                    LOG.errorf(error, "The assistant's turn in %s failed", conversationId);
                }
                endTurn(conversationId, next);
            }));
        } catch (RejectedExecutionException stopping) {
            endTurn(conversationId, next);
        }
    }

    private void endTurn(String conversationId, CompletableFuture<Void> next) {
        next.complete(null);
        turns.remove(conversationId, next);
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
     * One question's turn; completes once its reply is stored or given up. The wait counted is the one for a thread
     * since the conversation's previous turn ended, not that turn's reading-paced streaming: only a backlog of
     * questions makes the assistant drop its embeddings.
     */
    private CompletableFuture<Void> turn(String conversationId, Message message, long queuedAt) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            boolean behind = System.nanoTime() - queuedAt >= maxQueueWaitNanos;
            if (behind) {
                lexical.increment();
            }
            Retrieval retrieval = knowledge.withIndex(index -> behind ? index.lexicalSearch(message.text())
                    : index.search(message.text()));
            Optional<FaqEntry> answer = retrieval.answer();
            if (answer.isEmpty()) {
                miss(conversationId, message, retrieval);
                done.complete(null);
            } else if (generated.enabled()) {
                generate(conversationId, message.text(), retrieval, answer.get(), done);
            } else {
                streamAnswer(conversationId, answer.get().answer(), done);
            }
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /**
     * Counts the miss and, in the same step, replies that the assistant is not sure, with topics to pick and a
     * person on offer; the miss that reaches {@code max-misses} hands the conversation over instead. A question the
     * assistant no longer holds (an agent took the conversation meanwhile) is neither a miss nor a gap.
     */
    private void miss(String conversationId, Message question, Retrieval retrieval) {
        List<Suggestion> suggestions = retrieval.suggestions(SUGGESTIONS).stream()
                .map(entry -> new Suggestion(entry.topic(), entry.question())).toList();
        Message reply = new Message(UUID.randomUUID().toString(), conversationId, Sender.bot(),
                Notice.NOT_SURE.inLanguage(retrieval.lang()), clock.instant(), null, List.of(), suggestions);
        Changed changed = store.change(conversationId, current -> {
            if (current.status() != ConversationStatus.BOT) {
                return Optional.empty();
            }
            int missed = current.botMisses() + 1;
            Conversation next = current.withBotMisses(missed, clock.instant());
            return Optional.of(new Change(next, missed >= maxMisses ? List.of()
                    : List.of(new Change.Emit(events.message(reply), reply))));
        });
        if (!changed.stored()) {
            return;
        }
        boolean handOff = changed.after().botMisses() >= maxMisses;
        misses.increment();
        record(new UnansweredStore.Unanswered(conversationId, retrieval.lang(), question.text(), handOff,
                clock.instant()));
        if (handOff) {
            lifecycle.handOff(conversationId);
            handoffsAfterMisses.increment();
        }
    }

    private void record(UnansweredStore.Unanswered question) {
        try {
            unanswered.record(question);
        } catch (RuntimeException e) {
            LOG.warnf("An unanswered question could not be recorded: %s", e.getMessage());
        }
    }

    /**
     * The model's answer, its tokens streamed as they arrive. Whatever settles first wins: the model's complete
     * answer, or the fallback to the retrieved answer on an error, an empty answer or the timeout. A fallback
     * cancels the model's draft in the customer's view before the retrieved answer streams.
     */
    private void generate(String conversationId, String question, Retrieval retrieval, FaqEntry retrieved,
                          CompletableFuture<Void> done) {
        String draftId = UUID.randomUUID().toString();
        AtomicBoolean settled = new AtomicBoolean();
        Runnable fallBack = () -> {
            if (settled.compareAndSet(false, true)) {
                fallbacks.increment();
                delta(conversationId, draftId, "", true, true);
                streamAnswer(conversationId, retrieved.answer(), done);
            }
        };
        ScheduledFuture<?> deadline = writer.schedule(fallBack, generated.timeout().toMillis(), TimeUnit.MILLISECONDS);
        List<FaqEntry> grounding = retrieval.ranked().stream().map(Candidate::entry).limit(GROUNDING).toList();
        Ownership owned = new Ownership(conversationId);
        generated.generate(question, retrieval.lang(), grounding,
                token -> {
                    if (!settled.get() && !token.isEmpty() && owned.stillMine()) {
                        delta(conversationId, draftId, token, false, false);
                    }
                },
                text -> {
                    deadline.cancel(false);
                    if (!GeneratedAnswers.isAnswer(text)) {
                        fallBack.run();
                    } else if (settled.compareAndSet(false, true)) {
                        generatedAnswers.increment();
                        try {
                            store(conversationId, draftId, text.strip());
                        } finally {
                            done.complete(null);
                        }
                    }
                },
                error -> {
                    deadline.cancel(false);
                    LOG.debugf("The language model failed, answering from the knowledge base: %s", error.toString());
                    fallBack.run();
                });
    }

    /**
     * Whether the assistant still holds a conversation, read from the store at most every {@link #RECHECK_NANOS}: a
     * model streams dozens of tokens a second and a retrieved answer a chunk every delta interval, and a read for
     * each would be a query per chunk on PostgreSQL. The answer is stored only if the conversation is still the
     * assistant's anyway (checked under the row lock); this only stops a draft early.
     */
    private final class Ownership {
        private final String conversationId;
        private volatile boolean mine = true;
        private volatile long checkedAt = System.nanoTime() - RECHECK_NANOS;

        private Ownership(String conversationId) {
            this.conversationId = conversationId;
        }

        private boolean stillMine() {
            long now = System.nanoTime();
            if (mine && now - checkedAt >= RECHECK_NANOS) {
                checkedAt = now;
                mine = store.conversation(conversationId).map(c -> c.status() == ConversationStatus.BOT)
                        .orElse(false);
            }
            return mine;
        }
    }

    /** Streams a knowledge-base answer as a new draft, chunk by chunk, then stores it. */
    private void streamAnswer(String conversationId, String answer, CompletableFuture<Void> done) {
        stream(new Ownership(conversationId), UUID.randomUUID().toString(), chunks(answer), 0, done);
    }

    /** Sends chunk {@code next} and schedules the one after; after the last, stores the whole answer. */
    private void stream(Ownership owned, String draftId, List<String> chunks, int next,
                        CompletableFuture<Void> done) {
        String conversationId = owned.conversationId;
        try {
            if (!owned.stillMine()) {
                delta(conversationId, draftId, "", true, true);
                done.complete(null);
                return;
            }
            if (next < chunks.size()) {
                delta(conversationId, draftId, chunks.get(next), false, false);
                writer.schedule(() -> stream(owned, draftId, chunks, next + 1, done), deltaMillis,
                        TimeUnit.MILLISECONDS);
                return;
            }
            store(conversationId, draftId, String.join("", chunks));
            done.complete(null);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    /** Stores the answer as the draft's durable message, unless the conversation left the assistant meanwhile. */
    private void store(String conversationId, String draftId, String text) {
        Message answer = new Message(draftId, conversationId, Sender.bot(), text, clock.instant(), null);
        Changed stored = store.change(conversationId, current -> current.status() != ConversationStatus.BOT
                ? Optional.empty()
                : Optional.of(new Change(current.withBotMisses(0, clock.instant()),
                        List.of(new Change.Emit(events.message(answer), answer)))));
        delta(conversationId, draftId, "", true, !stored.stored());
        if (stored.stored()) {
            answers.increment();
        }
    }

    private static Counter handoffs(MeterRegistry registry, String reason) {
        return Counter.builder("livedesk.assistant.handoffs").tag("reason", reason)
                .description("Conversations the assistant handed to the queue").register(registry);
    }

    private void delta(String conversationId, String draftId, String text, boolean done, boolean cancelled) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("conversationId", conversationId);
        payload.put("draftId", draftId);
        payload.put("delta", text);
        payload.put("done", done);
        if (cancelled) {
            payload.put("cancelled", true);
        }
        String data = events.encode(payload);
        hub.publishEphemeral(StreamKey.conversation(conversationId), EventTypes.MESSAGE_DELTA, data);
    }

    /** Splits an answer where a reader would: after each word, or every few Chinese characters. */
    static List<String> chunks(String answer) {
        List<String> chunks = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        int cjk = 0;
        for (int i = 0; i < answer.length(); ) {
            int c = answer.codePointAt(i);
            chunk.appendCodePoint(c);
            i += Character.charCount(c);
            boolean han = Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
            cjk = han ? cjk + 1 : 0;
            if (c == ' ' || cjk == CJK_CHUNK || (!han && i < answer.length() && Character.UnicodeScript.of(
                    answer.codePointAt(i)) == Character.UnicodeScript.HAN && chunk.length() > 0)) {
                chunks.add(chunk.toString());
                chunk.setLength(0);
                cjk = 0;
            }
        }
        if (chunk.length() > 0) {
            chunks.add(chunk.toString());
        }
        return chunks;
    }

    @PreDestroy
    void stop() {
        work.shutdownNow();
        writer.shutdownNow();
    }
}
