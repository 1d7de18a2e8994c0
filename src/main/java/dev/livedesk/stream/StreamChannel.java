package dev.livedesk.stream;

import dev.livedesk.event.StreamKey;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The subscribers of one stream. Every method but {@link #size()} and {@link #subscribers()} runs on the hub's
 * fan-out thread; the set is concurrent only so that other threads can count.
 */
final class StreamChannel {

    /**
     * From this many subscribers on, a frame is copied off the heap once rather than by the socket layer for each
     * connection; below it, the one allocation costs more than the copies it saves.
     */
    static final int OFF_HEAP_FROM = 8;

    private final StreamKey key;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

    StreamChannel(StreamKey key) {
        this.key = key;
    }

    StreamKey key() {
        return key;
    }

    void add(Subscriber subscriber) {
        subscribers.add(subscriber);
    }

    /** Removes the subscriber; returns false when it was gone already. */
    boolean remove(Subscriber subscriber) {
        return subscribers.remove(subscriber);
    }

    boolean isEmpty() {
        return subscribers.isEmpty();
    }

    int size() {
        return subscribers.size();
    }

    StreamKey.Kind kind() {
        return key.kind();
    }

    Iterable<Subscriber> subscribers() {
        return subscribers;
    }

    /**
     * Writes one durable event, which reached the hub at {@code sinceNanos}, to every subscriber that has not had it
     * yet, and reports each outcome. The checks run here; the writes run on the connections' event loops, one task
     * per event loop. Only each task's last write is timed: it finishes that loop's share of the fan-out, and timing
     * every write cost 2 % of the fan-out's CPU (profiled, 2,000 subscribers).
     */
    void publish(long eventId, Buffer frame, long sinceNanos, OutcomeHandler handler) {
        fanOut(frame, sinceNanos, subscriber -> subscriber.lastSentId() < eventId,
                subscriber -> subscriber.advanceTo(eventId), handler);
    }

    /** Writes an event without id to every live subscriber; it moves nobody's position. */
    void publishEphemeral(Buffer frame, OutcomeHandler handler) {
        fanOut(frame, Subscriber.NOT_DURABLE, subscriber -> true, subscriber -> { }, handler);
    }

    private void fanOut(Buffer encoded, long durableSince, Predicate<Subscriber> owed, Consumer<Subscriber> reserved,
                        OutcomeHandler handler) {
        Buffer frame = subscribers.size() >= OFF_HEAP_FROM ? SseFrames.offHeap(encoded) : encoded;
        Map<Context, List<Subscriber>> byLoop = new HashMap<>(4);
        for (Subscriber subscriber : subscribers) {
            if (!owed.test(subscriber)) {
                continue;
            }
            Subscriber.Outcome outcome = subscriber.reserve();
            if (outcome != Subscriber.Outcome.SENT) {
                handler.handle(this, subscriber, outcome);
                continue;
            }
            reserved.accept(subscriber);
            if (subscriber.loop() == null) {
                subscriber.writeReserved(frame, durableSince);
            } else {
                byLoop.computeIfAbsent(subscriber.loop(), loop -> new ArrayList<>()).add(subscriber);
            }
        }
        long untimed = durableSince == Subscriber.NOT_DURABLE ? Subscriber.NOT_DURABLE : Subscriber.UNTIMED;
        byLoop.forEach((loop, batch) -> loop.runOnContext(ignored -> {
            int last = batch.size() - 1;
            for (int i = 0; i <= last; i++) {
                batch.get(i).writeReserved(frame, i == last ? durableSince : untimed);
            }
        }));
    }

    /** Deals with a send that did not go out. */
    @FunctionalInterface
    interface OutcomeHandler {
        void handle(StreamChannel channel, Subscriber subscriber, Subscriber.Outcome outcome);
    }
}
