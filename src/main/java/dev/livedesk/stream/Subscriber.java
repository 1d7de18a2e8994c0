package dev.livedesk.stream;

import dev.livedesk.store.StreamKey;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * One open SSE connection and its backlog.
 *
 * <p>The backlog is the number of sends whose bytes have not reached the socket yet: a send's CompletionStage
 * completes only then, so a client that stops reading shows up here and nowhere else.
 */
final class Subscriber {

    /** What became of one send. */
    enum Outcome { SENT, CLOSED, OVERFLOW }

    private final StreamKey key;
    private final SseEventSink sink;
    private final Runnable dropConnection;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean gone = new AtomicBoolean();
    private final Runnable onGone;
    private final Runnable onBroken;
    private final LongConsumer onDelivered;
    /** Written by the opening request thread, then only by the fan-out thread (handed over by the executor). */
    private long lastSentId;

    /**
     * @param onBroken runs once when a write fails: the connection is broken and the subscriber must leave
     */
    Subscriber(StreamKey key, SseEventSink sink, Runnable dropConnection, int maxPending, Runnable onGone,
               Runnable onBroken, LongConsumer onDelivered) {
        this.key = key;
        this.onDelivered = onDelivered;
        this.onGone = onGone;
        this.onBroken = onBroken;
        this.sink = sink;
        this.dropConnection = dropConnection;
        this.maxPending = maxPending;
    }

    StreamKey key() {
        return key;
    }

    SseEventSink sink() {
        return sink;
    }

    long lastSentId() {
        return lastSentId;
    }

    void advanceTo(long id) {
        lastSentId = Math.max(lastSentId, id);
    }

    int pending() {
        return pending.get();
    }

    boolean isClosed() {
        return closed.get() || sink.isClosed();
    }

    /** Not a durable event: nothing to count as delivered. */
    private static final long NOT_DURABLE = -1;
    /** A durable event from history: counted as delivered, not timed. */
    private static final long FROM_HISTORY = 0;

    /**
     * Queues a live comment or event without id (heartbeat, typing) unless the connection is closed or its backlog
     * is full. Never blocks.
     */
    Outcome send(OutboundSseEvent event) {
        return send(event, true, NOT_DURABLE);
    }

    /** Queues a live durable event that reached the hub at {@code sinceNanos}; the same rules. */
    Outcome sendLive(OutboundSseEvent event, long sinceNanos) {
        return send(event, true, sinceNanos);
    }

    /**
     * Queues part of a connect: {@code retry:}, a reset or a snapshot. A connect writes a burst before anything can
     * flush, so it is exempt from the cap; it is bounded by {@code livedesk.stream.max-replay} instead, and still
     * counts toward the backlog that live events see.
     */
    Outcome sendReplayed(OutboundSseEvent event) {
        return send(event, false, NOT_DURABLE);
    }

    /** Queues a durable event from history, as part of a connect. */
    Outcome sendHistory(OutboundSseEvent event) {
        return send(event, false, FROM_HISTORY);
    }

    private Outcome send(OutboundSseEvent event, boolean capped, long durableSince) {
        if (isClosed()) {
            return Outcome.CLOSED;
        }
        if (pending.incrementAndGet() > maxPending && capped) {
            pending.decrementAndGet();
            return Outcome.OVERFLOW;
        }
        try {
            sink.send(event).whenComplete((ignored, failure) -> {
                pending.decrementAndGet();
                if (failure != null) {
                    if (markBroken()) {
                        onBroken.run();
                    }
                } else if (durableSince != NOT_DURABLE) {
                    onDelivered.accept(durableSince);
                }
            });
            return Outcome.SENT;
        } catch (IllegalStateException alreadyClosed) {
            pending.decrementAndGet();
            return Outcome.CLOSED;
        }
    }

    /** Closes the connection at once, discarding what it has not flushed; safe to call any number of times. */
    void drop() {
        if (closed.compareAndSet(false, true)) {
            dropConnection.run();
            sink.close();
        }
    }

    /**
     * Marks the connection broken without touching it: it is closed already, and ending the response from here could
     * race the request's own completion (ending it before the resource method has returned makes Quarkus fail the
     * request). Returns whether this call marked it.
     */
    boolean markBroken() {
        return closed.compareAndSet(false, true);
    }

    /** Tells whoever opened the stream that it is over; runs the callback once, however often it is called. */
    void gone() {
        if (gone.compareAndSet(false, true)) {
            onGone.run();
        }
    }

    /** Ends the stream cleanly, so the client reconnects; safe to call any number of times. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            sink.close();
        }
    }
}
