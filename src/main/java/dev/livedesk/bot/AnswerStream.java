package dev.livedesk.bot;

import dev.livedesk.chat.Change;
import dev.livedesk.chat.Changed;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.ConversationStore;
import dev.livedesk.chat.Message;
import dev.livedesk.chat.Sender;
import dev.livedesk.chat.service.ChatEvents;
import dev.livedesk.event.EventTypes;
import dev.livedesk.event.StreamKey;
import dev.livedesk.stream.StreamHub;
import io.micrometer.core.instrument.Counter;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An answer as the customer sees it arrive: ephemeral {@code message-delta} chunks at a reading pace, then one
 * durable {@code message} whose id is the draft's, stored only while the assistant still holds the conversation.
 *
 * <p>One pacing thread serves every answer being streamed, so it never waits for the store: whether the conversation
 * is still the assistant's, and storing the answer, run on the store executor, and the pacing thread only sends
 * chunks and schedules the next.
 */
final class AnswerStream {

    /** Characters per chunk of Chinese text, which has no spaces to break at. */
    private static final int CJK_CHUNK = 4;
    /** How often a draft checks that the conversation is still the assistant's. */
    static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final ConversationStore store;
    private final ChatEvents events;
    private final StreamHub hub;
    private final Clock clock;
    private final long deltaMillis;
    private final ScheduledExecutorService pacer;
    private final Executor storeCalls;
    private final Counter answers;

    AnswerStream(ConversationStore store, ChatEvents events, StreamHub hub, Clock clock, long deltaMillis,
                 ScheduledExecutorService pacer, Executor storeCalls, Counter answers) {
        this.store = store;
        this.events = events;
        this.hub = hub;
        this.clock = clock;
        this.deltaMillis = deltaMillis;
        this.pacer = pacer;
        this.storeCalls = storeCalls;
        this.answers = answers;
    }

    /** Streams a knowledge-base answer as a new draft, chunk by chunk, then stores it; completes when done. */
    CompletableFuture<Void> stream(String conversationId, String answer) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Ownership owned = new Ownership(conversationId);
        pacer.execute(() -> step(owned, UUID.randomUUID().toString(), chunks(answer), 0, done));
        return done;
    }

    /** On the pacing thread: sends chunk {@code next} and schedules the one after; after the last, stores them. */
    private void step(Ownership owned, String draftId, List<String> chunks, int next, CompletableFuture<Void> done) {
        String conversationId = owned.conversationId;
        try {
            if (owned.due()) {
                storeCalls.execute(() -> {
                    owned.check();
                    pacer.execute(() -> step(owned, draftId, chunks, next, done));
                });
                return;
            }
            if (!owned.mine()) {
                delta(conversationId, draftId, "", true, true);
                done.complete(null);
                return;
            }
            if (next < chunks.size()) {
                delta(conversationId, draftId, chunks.get(next), false, false);
                pacer.schedule(() -> step(owned, draftId, chunks, next + 1, done), deltaMillis, TimeUnit.MILLISECONDS);
                return;
            }
            storeCalls.execute(() -> {
                try {
                    store(conversationId, draftId, String.join("", chunks));
                    done.complete(null);
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    /**
     * Stores the answer as the draft's durable message, unless the conversation left the assistant meanwhile, and
     * closes the draft (cancelled when not stored). Calls the store: never on the pacing thread.
     */
    void store(String conversationId, String draftId, String text) {
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

    /** Sends a piece of a draft (or its end) to whoever is live on the conversation's stream. */
    void delta(String conversationId, String draftId, String text, boolean done, boolean cancelled) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("conversationId", conversationId);
        payload.put("draftId", draftId);
        payload.put("delta", text);
        payload.put("done", done);
        if (cancelled) {
            payload.put("cancelled", true);
        }
        hub.publishEphemeral(StreamKey.conversation(conversationId), EventTypes.MESSAGE_DELTA, events.encode(payload));
    }

    Ownership ownership(String conversationId) {
        return new Ownership(conversationId);
    }

    /**
     * Whether the assistant still holds a conversation, read from the store at most every {@link #RECHECK_NANOS}: a
     * model streams dozens of tokens a second and a retrieved answer a chunk every delta interval, and a read for
     * each would be a query per chunk on PostgreSQL. The answer is stored only if the conversation is still the
     * assistant's anyway (checked under the row lock); this only stops a draft early.
     */
    final class Ownership {
        private final String conversationId;
        private volatile boolean mine = true;
        private volatile long checkedAt = System.nanoTime() - RECHECK_NANOS;

        private Ownership(String conversationId) {
            this.conversationId = conversationId;
        }

        /** Whether a read is due before the next chunk. */
        boolean due() {
            return mine && System.nanoTime() - checkedAt >= RECHECK_NANOS;
        }

        /** Reads the conversation's state now: a store call. */
        void check() {
            checkedAt = System.nanoTime();
            mine = store.conversation(conversationId).map(c -> c.status() == ConversationStatus.BOT).orElse(false);
        }

        boolean mine() {
            return mine;
        }

        /** {@link #check()} when due, then {@link #mine()}: for threads that may wait for the store. */
        boolean stillMine() {
            if (due()) {
                check();
            }
            return mine;
        }
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
}
