package dev.livedesk.stream;

import dev.livedesk.store.StreamKey;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

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
     * yet, and reports each outcome.
     */
    void publish(long eventId, OutboundSseEvent event, long sinceNanos, OutcomeHandler handler) {
        for (Subscriber subscriber : subscribers.values()) {
            if (subscriber.lastSentId() < eventId) {
                Subscriber.Outcome outcome = subscriber.sendLive(event, sinceNanos);
                if (outcome == Subscriber.Outcome.SENT) {
                    subscriber.advanceTo(eventId);
                } else {
                    handler.handle(this, subscriber, outcome);
                }
            }
        }
    }

    /** Writes an event without id to every live subscriber; it moves nobody's position. */
    void publishEphemeral(OutboundSseEvent event, OutcomeHandler handler) {
        for (Subscriber subscriber : subscribers.values()) {
            Subscriber.Outcome outcome = subscriber.send(event);
            if (outcome != Subscriber.Outcome.SENT) {
                handler.handle(this, subscriber, outcome);
            }
        }
    }

    /** Deals with a send that did not go out. */
    @FunctionalInterface
    interface OutcomeHandler {
        void handle(StreamChannel channel, Subscriber subscriber, Subscriber.Outcome outcome);
    }
}
