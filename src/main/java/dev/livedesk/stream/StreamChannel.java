package dev.livedesk.stream;

import dev.livedesk.event.StreamKey;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The subscribers of one stream, with the {@link SseBroadcaster} that tells us when one of their connections closes.
 *
 * <p>Events are written sink by sink rather than through {@code broadcast}, because {@code broadcast} hides each
 * sink's completion and so each connection's backlog. Every method but {@link #size()} runs on the hub's fan-out
 * thread; the maps are concurrent only so that other threads can count.
 */
final class StreamChannel {

    private final StreamKey key;
    private final SseBroadcaster broadcaster;
    private final Map<SseEventSink, Subscriber> subscribers = new ConcurrentHashMap<>();

    StreamChannel(StreamKey key, SseBroadcaster broadcaster, Consumer<SseEventSink> onSinkClosed) {
        this.key = key;
        this.broadcaster = broadcaster;
        broadcaster.onClose(onSinkClosed);
    }

    StreamKey key() {
        return key;
    }

    void add(Subscriber subscriber) {
        broadcaster.register(subscriber.sink());
        subscribers.put(subscriber.sink(), subscriber);
    }

    /** Removes the sink's subscriber; returns it, or null when it was gone already. */
    Subscriber remove(SseEventSink sink) {
        return subscribers.remove(sink);
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
        return subscribers.values();
    }

    /** Releases the broadcaster once the last subscriber has left; open sinks stay as they are. */
    void retire() {
        broadcaster.close(false);
    }

    /**
     * Writes one durable event, which reached the hub at {@code sinceNanos}, to every subscriber that has not had it
     * yet, and reports each outcome. The checks run here; the writes run on the connections' event loops, one task
     * per event loop.
     */
    void publish(long eventId, Buffer frame, long sinceNanos, OutcomeHandler handler) {
        fanOut(frame, sinceNanos, subscriber -> subscriber.lastSentId() < eventId,
                subscriber -> subscriber.advanceTo(eventId), handler);
    }

    /** Writes an event without id to every live subscriber; it moves nobody's position. */
    void publishEphemeral(Buffer frame, OutcomeHandler handler) {
        fanOut(frame, Subscriber.NOT_DURABLE, subscriber -> true, subscriber -> { }, handler);
    }

    private void fanOut(Buffer frame, long durableSince, Predicate<Subscriber> owed, Consumer<Subscriber> reserved,
                        OutcomeHandler handler) {
        Map<Context, List<Subscriber>> byLoop = new HashMap<>(4);
        for (Subscriber subscriber : subscribers.values()) {
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
        byLoop.forEach((loop, batch) -> loop.runOnContext(ignored -> {
            for (Subscriber subscriber : batch) {
                subscriber.writeReserved(frame, durableSince);
            }
        }));
    }

    /** Deals with a send that did not go out. */
    @FunctionalInterface
    interface OutcomeHandler {
        void handle(StreamChannel channel, Subscriber subscriber, Subscriber.Outcome outcome);
    }
}
