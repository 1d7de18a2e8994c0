package dev.livedesk.stream;

import dev.livedesk.event.StreamKey;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.LongConsumer;

/**
 * One open SSE connection: its place in the stream ({@link #lastSentId}), its backlog, and how it ends.
 *
 * <p>The backlog is the number of sends whose bytes have not reached the socket yet: a write completes only then, so
 * a client that stops reading shows up here and nowhere else. Live frames are written, already encoded
 * ({@link SseFrames}), by the connection's {@link StreamWriter} on its own event loop, many connections per task (see
 * {@link StreamChannel}); the frames of a connect (the head and {@code retry:}, a reset, history) are written
 * directly.
 *
 * <p>A connection is open until it {@linkplain #terminate ends}, once, for one {@link Ending}; whoever opened the
 * stream is then told once ({@link #gone}).
 */
final class Subscriber implements StreamWriter.Settled {

    private static final Logger LOG = Logger.getLogger(Subscriber.class);
    private static final String EVENT_STREAM = "text/event-stream";

    /** What became of one send. */
    enum Outcome { SENT, CLOSED, OVERFLOW }

    /** Why a connection ended, which decides what is done to it. */
    enum Ending {
        /** The server ends the stream cleanly (credential expired, drain, shutdown): the end is written first. */
        ENDED,
        /** The server cuts the connection at once, discarding what it has not flushed (slow client, failed catch-up). */
        DROPPED,
        /** The connection is gone already (closed by the client, a failed write): nothing is done to it. */
        BROKEN
    }

    private final StreamKey key;
    private final HttpServerResponse response;
    /** The event loop that owns the connection, or null when the stream was opened outside a Vert.x context. */
    private final Context loop;
    /** Whether the connection carries only this stream and is closed when it ends ({@link StreamConnections}). */
    private final boolean ownsConnection;
    private final int maxPending;
    private final StreamWriter writer;
    /** Which inboxes' events the subscriber is shown; null for all. */
    private final Predicate<String> inboxes;
    /*
     * Counters and state as fields with updaters rather than Atomic* objects: objects fewer for each of thousands of
     * idle streams.
     */
    private static final AtomicIntegerFieldUpdater<Subscriber> PENDING =
            AtomicIntegerFieldUpdater.newUpdater(Subscriber.class, "pending");
    private static final AtomicReferenceFieldUpdater<Subscriber, Ending> ENDING =
            AtomicReferenceFieldUpdater.newUpdater(Subscriber.class, Ending.class, "ending");
    private static final AtomicIntegerFieldUpdater<Subscriber> GONE =
            AtomicIntegerFieldUpdater.newUpdater(Subscriber.class, "gone");
    private volatile int pending;
    /** Null while the connection is open; then why it ended. */
    private volatile Ending ending;
    /** 1 once whoever opened the stream has been told it is over. */
    private volatile int gone;
    private final Runnable onGone;
    private final Consumer<Subscriber> onEnded;
    private final LongConsumer onDelivered;
    /**
     * Written by the opening request thread, then by the fan-out thread as the stream joins, then, once live, only on
     * the connection's event loop (each handed over by a task queue); on the fan-out thread throughout for a
     * subscriber without an event loop.
     */
    private long lastSentId;

    /**
     * @param onGone  runs once, by {@link #gone}, when whoever opened the stream is to be told it is over
     * @param onEnded runs once when the connection ends, whatever the {@link Ending}, so that the subscriber leaves
     *                its channel
     * @param inboxes which inboxes' events the subscriber is shown, asked for each event of an inbox, on the
     *                connection's event loop (it must not block), so that a change of membership applies to the next
     *                event; null shows every event
     */
    Subscriber(StreamKey key, HttpServerResponse response, boolean ownsConnection, Context loop,
               int maxPending, Runnable onGone, Consumer<Subscriber> onEnded, LongConsumer onDelivered,
               Predicate<String> inboxes) {
        this.key = key;
        this.inboxes = inboxes;
        this.response = response;
        this.loop = loop;
        this.onDelivered = onDelivered;
        this.onGone = onGone;
        this.onEnded = onEnded;
        this.ownsConnection = ownsConnection;
        this.maxPending = maxPending;
        this.writer = new StreamWriter(response, loop, this);
    }

    StreamKey key() {
        return key;
    }

    /** Whether the subscriber sees every inbox's events. */
    boolean seesAll() {
        return inboxes == null;
    }

    /** Whether the subscriber is shown an event of this inbox (null: of no inbox, shown to everyone). */
    boolean sees(String inboxId) {
        return inboxId == null || inboxes == null || inboxes.test(inboxId);
    }

    long lastSentId() {
        return lastSentId;
    }

    void advanceTo(long id) {
        lastSentId = Math.max(lastSentId, id);
    }

    int pending() {
        return pending;
    }

    boolean isClosed() {
        return ending != null;
    }

    /** The event loop that owns the connection, or null. */
    Context loop() {
        return loop;
    }

    /** Not a durable event: nothing to count as delivered. */
    private static final long NOT_DURABLE = -1;
    /** A durable event counted as delivered but not timed: from history, or not the last write of its batch. */
    private static final long UNTIMED = 0;

    /**
     * Takes places in the backlog for live frames (events, a comment), unless the connection has ended or its
     * backlog would be over the cap; the frames are then written by {@link #writeReserved}, typically on the
     * connection's event loop. Never blocks. It checks only this subscriber's own state: asking the response costs a
     * synchronized call per connection per event, and a connection the client closed ends when it closes or fails a
     * write.
     */
    Outcome reserve(int frames) {
        if (ending != null) {
            return Outcome.CLOSED;
        }
        if (PENDING.addAndGet(this, frames) > maxPending) {
            PENDING.addAndGet(this, -frames);
            return Outcome.OVERFLOW;
        }
        return Outcome.SENT;
    }

    /** Writes the frame of an event without id (a comment, typing, a draft) whose place {@link #reserve} took. */
    void writeReservedWithoutId(Buffer frame) {
        writer.write(frame, 1, NOT_DURABLE, null);
    }

    /**
     * Writes durable events' frames, one after another in {@code data}, whose places {@link #reserve} took, as one
     * write; {@code sinces} says when each reached the hub, or is null when none is timed.
     */
    void writeReserved(Buffer data, int frames, long[] sinces) {
        writer.write(data, frames, UNTIMED, sinces);
    }

    /**
     * Queues part of a connect: a reset or a snapshot. A connect writes a burst before anything can flush, so it is
     * exempt from the cap; it is bounded by {@code livedesk.stream.max-replay} instead, and still counts toward the
     * backlog that live events see.
     */
    Outcome sendReplayed(Buffer frame) {
        return write(frame, 1, result -> settled(result.cause(), NOT_DURABLE));
    }

    /**
     * Queues a run of durable events from history, as part of a connect, as one write: one event-loop task and one
     * completion for the run rather than one of each per event, which is most of a replay's cost when thousands of
     * clients resume at once. Each event still counts in the backlog, and as delivered once the run is on the socket.
     */
    Outcome sendHistory(Buffer frames, int events) {
        return write(frames, events, result -> {
            for (int i = 0; i < events; i++) {
                settled(result.cause(), UNTIMED);
            }
        });
    }

    /**
     * Sends the response head and {@code retry:}, the first frame of every stream; from then on a connection that
     * closes ends the subscriber ({@link Ending#BROKEN}), even while nothing is written to it.
     *
     * <p>Once the head is on the wire, nothing reads the request's headers or the response's again, yet Vert.x keeps
     * both maps for as long as the response is open, which for a stream is hours. So both are emptied, once the write
     * has completed: the response's map is the head itself, which the socket layer encodes on the event loop after
     * {@code write} has returned.
     */
    Outcome start(Buffer retry, MultiMap requestHeaders) {
        response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, EVENT_STREAM);
        try {
            response.closeHandler(closedByPeer -> terminate(Ending.BROKEN));
        } catch (IllegalStateException alreadyClosed) {
            terminate(Ending.BROKEN);
            return Outcome.CLOSED;
        }
        return write(retry, 1, result -> {
            if (result.succeeded()) {
                requestHeaders.clear();
                response.headers().clear();
            }
            settled(result.cause(), NOT_DURABLE);
        });
    }

    /** Writes {@code frames} frames of a connect as one buffer, each counted in the backlog until settled. */
    private Outcome write(Buffer data, int frames, Handler<AsyncResult<Void>> completion) {
        if (ending != null) {
            return Outcome.CLOSED;
        }
        PENDING.addAndGet(this, frames);
        Future<Void> written;
        try {
            written = response.write(data);
        } catch (IllegalStateException alreadyClosed) {
            PENDING.addAndGet(this, -frames);
            return Outcome.CLOSED;
        }
        written.onComplete(completion);
        return Outcome.SENT;
    }

    /** A frame's write completed or failed: it leaves the backlog; a failure ends the connection. */
    @Override
    public void settled(Throwable failure, long since) {
        PENDING.decrementAndGet(this);
        if (failure != null) {
            terminate(Ending.BROKEN);
        } else if (since != NOT_DURABLE) {
            onDelivered.accept(since);
        }
    }

    /**
     * Ends the connection, once, whatever asks and however often: the first ending decides what is done to it, and
     * the subscriber then leaves its channel. Safe on any thread.
     */
    void terminate(Ending why) {
        if (!ENDING.compareAndSet(this, null, why)) {
            return;
        }
        switch (why) {
            case ENDED -> end();
            case DROPPED -> response.close();
            case BROKEN -> {
                // the connection is gone already: nothing to do to it
            }
        }
        onEnded.accept(this);
    }

    /**
     * Writes the end of the stream so the client reconnects; a connection the stream owns is closed once the end has
     * been written (not merely queued behind a backlog), since it no longer has an idle timer to close it otherwise.
     */
    private void end() {
        try {
            response.end().onComplete(ended -> {
                if (ownsConnection) {
                    response.close();
                }
            });
        } catch (IllegalStateException alreadyEnded) {
            LOG.debug("A stream's response had ended already when the stream closed it");
        }
    }

    /** Tells whoever opened the stream that it is over; runs the callback once, however often it is called. */
    void gone() {
        if (GONE.compareAndSet(this, 0, 1)) {
            onGone.run();
        }
    }
}
