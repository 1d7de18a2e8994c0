package dev.livedesk.stream;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.util.Arrays;

/**
 * Writes a stream's live frames to its connection, batching what comes while a write is on its way: on the
 * connection's event loop, frames that arrive before the previous write has reached the socket wait in an outbox and
 * go out together as one write when it completes, so a client with a backlog gets several events per write instead
 * of one write each.
 *
 * <p>It is its own completion handler ({@link #handle}): one live write is on its way at a time, so what it carries
 * sits in fields, and a write allocates no callback or array of its own. Frames are settled frame by frame through
 * {@link Settled}, with when each durable event reached the hub ({@code since}) for the fan-out latency.
 */
final class StreamWriter implements Handler<AsyncResult<Void>> {

    /** Told of every frame once its write completed (failure null) or failed. */
    interface Settled {
        void settled(Throwable failure, long since);
    }

    private final HttpServerResponse response;
    /** The event loop that owns the connection, or null when the stream was opened outside a Vert.x context. */
    private final Context loop;
    private final Settled settled;
    /** Whether a live write is on its way to the socket; with the outbox, touched only on the event loop. */
    private boolean writing;
    /** Frames that came while a write was on its way; allocated only then, since most connections never need it. */
    private Buffer outbox;
    private long[] outboxSinces;
    private int outboxFrames;
    /**
     * What the live write on its way carries: how many frames, and their {@code since}, one for all of them or, when
     * the array is not null, one each.
     */
    private long inFlightSince;
    private long[] inFlightSinces;
    private int inFlightFrames;

    StreamWriter(HttpServerResponse response, Context loop, Settled settled) {
        this.response = response;
        this.loop = loop;
        this.settled = settled;
    }

    /**
     * Writes {@code frames} frames, one after another in {@code data}; {@code sinces}, when not null, stands for
     * {@code since} frame by frame. On the event loop, or anywhere for a connection without one.
     */
    void write(Buffer data, int frames, long since, long[] sinces) {
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
            settle(alreadyClosed, inFlightFrames, inFlightSince, inFlightSinces);
            return;
        }
        written.onComplete(this);
    }

    /** The live write on its way completed, on the event loop: settles its frames and sends what waited meanwhile. */
    @Override
    public void handle(AsyncResult<Void> result) {
        settle(result.cause(), inFlightFrames, inFlightSince, inFlightSinces);
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
        if (result.failed()) {
            writing = false;
            settle(new IllegalStateException("connection failed"), frames, 0, sinces);
        } else {
            inFlightSinces = sinces;
            inFlightFrames = frames;
            writeInFlight(data);
        }
    }

    private void settle(Throwable failure, int frames, long since, long[] sinces) {
        for (int i = 0; i < frames; i++) {
            settled.settled(failure, sinces == null ? since : sinces[i]);
        }
    }
}
