package dev.livedesk.bot;

import dev.livedesk.Threads;
import dev.livedesk.chat.Change;
import dev.livedesk.chat.ChatEvents;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.ConversationStore;
import dev.livedesk.chat.CustomerMessageListener;
import dev.livedesk.chat.LifecycleService;
import dev.livedesk.chat.Message;
import dev.livedesk.chat.Sender;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.event.EventTypes;
import dev.livedesk.event.StreamKey;
import dev.livedesk.stream.StreamHub;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The FAQ assistant's turn in a conversation it holds (state BOT). A request for a person hands the conversation to
 * the queue; otherwise the best knowledge-base answer is streamed as ephemeral {@code message-delta} chunks at a
 * reading pace and then stored as one durable {@code message} from the bot, whose id is the draft's id. A question
 * without an answer is a miss; {@code livedesk.bot.max-misses} misses in a row hand the conversation over too.
 * Whenever the conversation has left BOT meanwhile, the assistant stops: it never answers in another state.
 */
@Startup
@ApplicationScoped
public class AssistantService implements CustomerMessageListener {

    /** Characters per chunk of Chinese text, which has no spaces to break at. */
    private static final int CJK_CHUNK = 4;

    private final FaqIndex index;
    private final LifecycleService lifecycle;
    private final ConversationStore store;
    private final ChatEvents events;
    private final StreamHub hub;
    private final int maxMisses;
    private final long deltaMillis;
    private final List<Pattern> handoff;
    private final Clock clock = Conversation.CLOCK;
    private final Counter answers;
    private final Counter handoffsRequested;
    private final Counter handoffsAfterMisses;
    private final ScheduledExecutorService writer = Threads.scheduler("livedesk-assistant");

    public AssistantService(FaqIndex index, LifecycleService lifecycle, ConversationStore store, ChatEvents events,
                            StreamHub hub, LiveDeskConfig config, MeterRegistry registry) {
        this.answers = Counter.builder("livedesk.assistant.answers")
                .description("Answers the assistant stored").register(registry);
        this.handoffsRequested = handoffs(registry, "request");
        this.handoffsAfterMisses = handoffs(registry, "misses");
        this.index = index;
        this.lifecycle = lifecycle;
        this.store = store;
        this.events = events;
        this.hub = hub;
        this.maxMisses = config.bot().maxMisses();
        this.deltaMillis = config.bot().deltaInterval().toMillis();
        this.handoff = config.bot().handoffPhrases().stream().map(AssistantService::phrasePattern).toList();
    }

    @Override
    public void onCustomerMessage(Conversation conversation, Message message) {
        if (asksForPerson(message.text())) {
            lifecycle.handOff(conversation.id());
            handoffsRequested.increment();
            return;
        }
        Optional<FaqEntry> match = index.best(message.text());
        if (match.isPresent()) {
            stream(conversation.id(), UUID.randomUUID().toString(), chunks(match.get().answer()), 0);
        } else {
            miss(conversation.id());
        }
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

    private void miss(String conversationId) {
        store.change(conversationId, current -> current.status() != ConversationStatus.BOT
                ? Optional.empty()
                : Optional.of(new Change(current.withBotMisses(current.botMisses() + 1, clock.instant()), List.of())));
        Conversation now = store.conversation(conversationId).orElseThrow();
        if (now.status() == ConversationStatus.BOT && now.botMisses() >= maxMisses) {
            lifecycle.handOff(conversationId);
            handoffsAfterMisses.increment();
        }
    }

    /** Sends chunk {@code next} and schedules the one after; after the last, stores the whole answer. */
    private void stream(String conversationId, String draftId, List<String> chunks, int next) {
        if (!stillMine(conversationId)) {
            delta(conversationId, draftId, "", true, true);
            return;
        }
        if (next < chunks.size()) {
            delta(conversationId, draftId, chunks.get(next), false, false);
            writer.schedule(() -> stream(conversationId, draftId, chunks, next + 1), deltaMillis, TimeUnit.MILLISECONDS);
            return;
        }
        Message answer = new Message(draftId, conversationId, Sender.bot(), String.join("", chunks), clock.instant(),
                null);
        List<?> stored = store.change(conversationId, current -> current.status() != ConversationStatus.BOT
                ? Optional.empty()
                : Optional.of(new Change(current.withBotMisses(0, clock.instant()),
                        List.of(new Change.Emit(events.message(answer), answer)))));
        delta(conversationId, draftId, "", true, stored.isEmpty());
        if (!stored.isEmpty()) {
            answers.increment();
        }
    }

    private static Counter handoffs(MeterRegistry registry, String reason) {
        return Counter.builder("livedesk.assistant.handoffs").tag("reason", reason)
                .description("Conversations the assistant handed to the queue").register(registry);
    }

    private boolean stillMine(String conversationId) {
        return store.conversation(conversationId).map(c -> c.status() == ConversationStatus.BOT).orElse(false);
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
        hub.publishEphemeral(StreamKey.AGENTS, EventTypes.MESSAGE_DELTA, data);
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
        writer.shutdownNow();
    }
}
