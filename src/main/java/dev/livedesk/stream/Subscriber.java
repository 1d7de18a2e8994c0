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

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * One open SSE connection and its backlog.
 *
 * <p>The backlog is the number of sends whose bytes have not reached the socket yet: a write completes only then, so
 * a client that stops reading shows up here and nowhere else.
 *
 * <p>Every frame is written, already encoded ({@link SseFrames}), to the connection's Vert.x response; the first,
 * {@code retry:}, also sends the response head.
 * Live frames are written on the connection's own event loop, many connections per task (see
 * {@link StreamChannel}), so that fanning an event out costs one task per event loop rather than one per
 * connection.
 *
 * <p>It is its own completion handler for those writes ({@link #handle}): one live write is on its way at a time,
 * so what it carries sits in fields, and a write allocates no callback or array of its own (at 2,000 subscribers and
 * 20 events a second, 40,000 of each a second were a share of the young-generation churn behind the tail).
 */
final class Subscriber implements Handler<AsyncResult<Void>> {

    private static final Logger LOG = Logger.getLogger(Subscriber.class);
    private static final String EVENT_STREAM = "text/event-stream";

    /** What became of one send. */
    enum Outcome { SENT, CLOSED, OVERFLOW }

    private final StreamKey key;
    private final HttpServerResponse response;
    /** The event loop that owns the connection, or null when the stream was opened outside a Vert.x context. */
    private final Context loop;
    /** Whether the connection carries only this stream and is closed when it ends ({@link StreamConnections}). */
    private final boolean ownsConnection;
    private final int maxPending;
    /*
     * Counters and flags as fields with updaters rather than Atomic* objects: three objects fewer for each of
     * thousands of idle streams.
     */
    private static final AtomicIntegerFieldUpdater<Subscriber> PENDING =
            AtomicIntegerFieldUpdater.newUpdater(Subscriber.class, "pending");
    private static final AtomicIntegerFieldUpdater<Subscriber> CLOSED =
            AtomicIntegerFieldUpdater.newUpdater(Subscriber.class, "closed");
    private static final AtomicIntegerFieldUpdater<Subscriber> GONE =
            AtomicIntegerFieldUpdater.newUpdater(Subscriber.class, "gone");
    private volatile int pending;
    /** 1 once closed. */
    private volatile int closed;
    /** 1 once whoever opened the stream has been told it is over. */
    private volatile int gone;
    private final Runnable onGone;
    private final Consumer<Subscriber> onEnded;
    private final LongConsumer onDelivered;
    /** Whether a live write is on its way to the socket; with the outbox, touched only on the event loop. */
    private boolean writing;
    /** Frames that came while a write was on its way; allocated only then, since most connections never need it. */
    private Buffer outbox;
    private long[] outboxSinces;
    private int outboxFrames;
    /**
     * What the live write on its way carries: how many frames, and their {@code durableSince}, one for all of them or,
     * when the array is not null, one each.
     */
    private long inFlightSince;
    private long[] inFlightSinces;
    private int inFlightFrames;
    /**
     * Written by the opening request thread, then by the fan-out thread as the stream joins, then, once live, only on
     * the connection's event loop (each handed over by a task queue); on the fan-out thread throughout for a
     * subscriber without an event loop.
     */
    private long lastSentId;

    /**
     * @param onEnded runs once when the stream ends here or its connection breaks (closed, dropped, or a close or a
     *                failed write reported), so that the subscriber leaves its channel
     */
    Subscriber(StreamKey key, HttpServerResponse response, boolean ownsConnection, Context loop,
               int maxPending, Runnable onGone, Consumer<Subscriber> onEnded, LongConsumer onDelivered) {
        this.key = key;
        this.response = response;
        this.loop = loop;
        this.onDelivered = onDelivered;
        this.onGone = onGone;
        this.onEnded = onEnded;
        this.ownsConnection = ownsConnection;
        this.maxPending = maxPending;
    }

    StreamKey key() {
        return key;
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
        return closed == 1;
    }

    /** Not a durable event: nothing to count as delivered. */
    private static final long NOT_DURABLE = -1;
    /** A durable event counted as delivered but not timed: from history, or not the last write of its batch. */
    private static final long UNTIMED = 0;

    /**
     * Takes places in the backlog for live frames (events, a comment), unless the connection is closed or its
     * backlog would be over the cap; the frames are then written by {@link #writeReserved}, typically on the
     * connection's event loop. Never blocks. It checks only this subscriber's own flag: asking the response costs a
     * synchronized call per connection per event, and a connection the client closed is marked broken when it closes
     * or fails a write.
     */
    Outcome reserve(int frames) {
        if (closed == 1) {
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
        writeReserved(frame, 1, NOT_DURABLE, null);
    }

    /**
     * Writes durable events' frames, one after another in {@code data}, whose places {@link #reserve} took, as one
     * write; {@code sinces} says when each reached the hub, or is null when none is timed.
     */
    void writeReserved(Buffer data, int frames, long[] sinces) {
        writeReserved(data, frames, UNTIMED, sinces);
    }

    /**
     * {@code sinces}, when not null, stands for {@code since} frame by frame. On the connection's event loop, frames
     * that come while a write is still on its way to the socket wait in an outbox, and everything in the outbox goes
     * out as one write when that write completes: a client with a backlog gets several events per write instead of
     * one write each.
     */
    private void writeReserved(Buffer data, int frames, long since, long[] sinces) {
        if (loop == null) {
            writeAlone(data, frames, since, sinces);
        } else if (writing) {
            if (outbox == null) {
                outbox = Buffer.buffer(data.length() * 4);
                outboxSinces = new long[Math.max(4, frames)];
            } else if (outboxFrames + frames > outboxSinces.length) {
                outboxSinces = Arrays.copyOf(outboxSinces, Math.max(outboxFrames * 2, outboxFrames + frames));
            }
            outbox.appendBuffer(data);
            for (int i = 0; i < frames; i++) {
                outboxSinces[outboxFrames++] = sinces == null ? since : sinces[i];
            }
        } else {
            writing = true;
            inFlightSince = since;
            inFlightSinces = sinces;
            inFlightFrames = frames;
            writeInFlight(data);
        }
    }

    /** Outside an event loop writes may overlap, so each carries its own callback. */
    private void writeAlone(Buffer data, int frames, long since, long[] sinces) {
        Future<Void> written;
        try {
            written = response.write(data);
        } catch (IllegalStateException alreadyClosed) {
            settle(alreadyClosed, frames, since, sinces);
            return;
        }
        written.onComplete(result -> settle(result.cause(), frames, since, sinces));
    }

    /** Writes what the in-flight fields describe, as one write; {@link #handle} settles it. */
    private void writeInFlight(Buffer data) {
        Future<Void> written;
        try {
            written = response.write(data);
        } catch (IllegalStateException alreadyClosed) {
            settleInFlight(alreadyClosed);
            return;
        }
        written.onComplete(this);
    }

    /** The live write on its way completed, on the event loop: settles its frames and sends what waited meanwhile. */
    @Override
    public void handle(AsyncResult<Void> result) {
        settleInFlight(result.cause());
        flushOutbox(result.failed());
    }

    private void settleInFlight(Throwable failure) {
        settle(failure, inFlightFrames, inFlightSince, inFlightSinces);
    }

    /** Runs on the event loop when a write completed: sends what waited meanwhile, or lets the next frame go. */
    private void flushOutbox(boolean failed) {
        if (outboxFrames == 0) {
            writing = false;
            return;
        }
        Buffer data = outbox;
        long[] sinces = outboxSinces;
        int frames = outboxFrames;
        outbox = null;
        outboxSinces = null;
        outboxFrames = 0;
        if (failed) {
            writing = false;
            settle(new IllegalStateException("connection failed"), frames, UNTIMED, sinces);
        } else {
            inFlightSinces = sinces;
            inFlightFrames = frames;
            writeInFlight(data);
        }
    }

    /** Settles {@code frames} frames written together; {@code sinces}, when not null, stands for {@code since}. */
    private void settle(Throwable failure, int frames, long since, long[] sinces) {
        for (int i = 0; i < frames; i++) {
            done(failure, sinces == null ? since : sinces[i]);
        }
    }

    /** The event loop that owns the connection, or null. */
    Context loop() {
        return loop;
    }

    /**
     * Queues part of a connect: a reset or a snapshot. A connect writes a burst before anything can flush, so it is
     * exempt from the cap; it is bounded by {@code livedesk.stream.max-replay} instead, and still counts toward the
     * backlog that live events see.
     */
    Outcome sendReplayed(Buffer frame) {
        return write(frame, NOT_DURABLE);
    }

    /**
     * Queues a run of durable events from history, as part of a connect, as one write: one event-loop task and one
     * completion for the run rather than one of each per event, which is most of a replay's cost when thousands of
     * clients resume at once. Each event still counts in the backlog, and as delivered once the run is on the socket.
     */
    Outcome sendHistory(Buffer frames, int events) {
        return write(frames, events, result -> {
            for (int i = 0; i < events; i++) {
                done(result.cause(), UNTIMED);
            }
        });
    }

    /**
     * Sends the response head and {@code retry:}, the first frame of every stream; from then on a connection that
     * closes marks the subscriber broken, even while nothing is written to it.
     *
     * <p>Once the head is on the wire, nothing reads the request's headers or the response's again, yet Vert.x keeps
     * both maps for as long as the response is open, which for a stream is hours. So both are emptied, once the write has completed: the response's map
     * is the head itself, which the socket layer encodes on the event loop after {@code write} has returned.
     */
    Outcome start(Buffer retry, MultiMap requestHeaders) {
        response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, EVENT_STREAM);
        try {
            response.closeHandler(closedByPeer -> {
                if (markBroken()) {
                    onEnded.accept(this);
                }
            });
        } catch (IllegalStateException alreadyClosed) {
            markBroken();
            return Outcome.CLOSED;
        }
        return write(retry, 1, result -> {
            if (result.succeeded()) {
                requestHeaders.clear();
                response.headers().clear();
            }
            done(result.cause(), NOT_DURABLE);
        });
    }

    /** Writes a frame of a connect, exempt from the cap. */
    private Outcome write(Buffer frame, long durableSince) {
        return write(frame, 1, result -> done(result.cause(), durableSince));
    }

    /** Writes {@code frames} frames as one buffer, each counted in the backlog until {@code completion} settles it. */
    private Outcome write(Buffer data, int frames, Handler<AsyncResult<Void>> completion) {
        if (isClosed()) {
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

    private void done(Throwable failure, long durableSince) {
        PENDING.decrementAndGet(this);
        if (failure != null) {
            if (markBroken()) {
                onEnded.accept(this);
            }
        } else if (durableSince != NOT_DURABLE) {
            onDelivered.accept(durableSince);
        }
    }

    /** Closes the connection at once, discarding what it has not flushed; safe to call any number of times. */
    void drop() {
        if (CLOSED.compareAndSet(this, 0, 1)) {
            response.close();
            onEnded.accept(this);
        }
    }

    /**
     * Marks the connection broken without touching it: it is closed already. Returns whether this call marked it.
     */
    boolean markBroken() {
        return CLOSED.compareAndSet(this, 0, 1);
    }

    /** Tells whoever opened the stream that it is over; runs the callback once, however often it is called. */
    void gone() {
        if (GONE.compareAndSet(this, 0, 1)) {
            onGone.run();
        }
    }

    /**
     * Ends the stream cleanly, so the client reconnects; safe to call any number of times. A connection the stream
     * owns is closed once the end has been written (not merely queued behind a backlog), since it no longer has an
     * idle timer to close it otherwise.
     */
    void close() {
        if (CLOSED.compareAndSet(this, 0, 1)) {
            try {
                response.end().onComplete(ended -> {
                    if (ownsConnection) {
                        response.close();
                    }
                });
            } catch (IllegalStateException alreadyEnded) {
                LOG.debug("A stream's response had ended already when the stream closed it");
            }
            onEnded.accept(this);
        }
    }
}
