package dev.livedesk.stream;

import dev.livedesk.event.StreamKey;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The subscribers of one stream. Every method but {@link #size()} and {@link #subscribers()} runs on the hub's
 * fan-out thread; the set is concurrent only so that other threads can count.
 *
 * <p>Durable events that follow each other closer than the batch window ({@code livedesk.stream.batch-window}) are
 * gathered and written together once the window since the last write has passed: one write per connection per
 * window instead of one per event. The agents' stream carries every conversation's changes, hundreds a second, and a
 * write is a task, a promise and a system call per connection: they were most of the event loops' CPU in the
 * contact-center benchmark. An event after a quiet window goes out at once, so a stream as slow as a conversation's
 * is never held back.
 */
final class StreamChannel {

    /**
     * From this many subscribers on, a frame is copied off the heap once rather than by the socket layer for each
     * connection; below it, the one allocation costs more than the copies it saves.
     */
    static final int OFF_HEAP_FROM = 8;

    private final StreamKey key;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final long windowNanos;
    private final FlushScheduler scheduler;
    private final OutcomeHandler handler;
    /** When the last durable write went out (System.nanoTime). */
    private long lastWriteNanos;
    /**
     * Durable events waiting for the window to pass, in id order: their frames one after another, each one's id,
     * start in the frames and arrival at the hub. Allocated afresh for each window that gathers anything, since the
     * event loops' writes still read the last window's, so a quiet channel holds none.
     */
    private Buffer gathered;
    private long[] gatheredIds;
    private int[] gatheredStarts;
    private long[] gatheredSinces;
    private int gatheredCount;

    /**
     * @param window  how close durable events must follow each other to be written together; zero writes each at once
     * @param handler what to do with a subscriber a write could not reach
     */
    StreamChannel(StreamKey key, Duration window, FlushScheduler scheduler, OutcomeHandler handler) {
        this.key = key;
        this.windowNanos = window.toNanos();
        this.scheduler = scheduler;
        this.handler = handler;
        this.lastWriteNanos = System.nanoTime() - windowNanos;
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
     * yet: at once when the window since the last write has passed, otherwise with whatever else comes until it has.
     */
    void publish(long eventId, Buffer frame, long sinceNanos) {
        if (gatheredCount == 0 && sinceNanos - lastWriteNanos >= windowNanos) {
            lastWriteNanos = sinceNanos;
            dispatch(new Frames(frame, 1, null, new long[] {sinceNanos}), new long[] {eventId});
            return;
        }
        gather(eventId, frame, sinceNanos);
        if (gatheredCount == 1) {
            scheduler.flushLater(this, lastWriteNanos + windowNanos - sinceNanos);
        }
    }

    /**
     * Writes an event without id to every live subscriber; it moves nobody's position. What was gathered goes out
     * first, so that the stream keeps the order in which the hub had its events.
     */
    void publishEphemeral(Buffer frame) {
        flush();
        dispatch(new Frames(frame, 1, null, null), null);
    }

    /** Writes what was gathered, if anything; the scheduler calls it once the window has passed. */
    void flush() {
        if (gatheredCount == 0) {
            return;
        }
        lastWriteNanos = System.nanoTime();
        Frames frames = new Frames(gathered, gatheredCount, gatheredStarts, gatheredSinces);
        long[] ids = gatheredIds;
        gathered = null;
        gatheredIds = null;
        gatheredStarts = null;
        gatheredSinces = null;
        gatheredCount = 0;
        dispatch(frames, ids);
    }

    /**
     * Writes the frames to every subscriber owed any of them, and reports each subscriber it could not reach: of
     * durable events ({@code ids} ascending) those after the subscriber's position, which it then moves; of an event
     * without id ({@code ids} null) all. The checks run here; the writes run on the connections' event loops, one
     * task per event loop. Only each task's last write is timed: it finishes that loop's share of the fan-out, and
     * timing every write cost 2 % of the fan-out's CPU (profiled, 2,000 subscribers).
     */
    private void dispatch(Frames encoded, long[] ids) {
        Frames frames = subscribers.size() >= OFF_HEAP_FROM ? encoded.offHeap() : encoded;
        int count = frames.count();
        Map<Context, LoopShare> byLoop = new HashMap<>(4);
        for (Subscriber subscriber : subscribers) {
            int from = ids == null ? 0 : firstOwed(subscriber, ids, count);
            if (from == count) {
                continue;
            }
            Subscriber.Outcome outcome = subscriber.reserve(count - from);
            if (outcome != Subscriber.Outcome.SENT) {
                handler.handle(this, subscriber, outcome);
                continue;
            }
            if (ids != null) {
                subscriber.advanceTo(ids[count - 1]);
            }
            if (subscriber.loop() == null) {
                frames.send(subscriber, from, true);
            } else {
                byLoop.computeIfAbsent(subscriber.loop(), loop -> new LoopShare()).add(subscriber, from);
            }
        }
        byLoop.forEach((loop, share) -> loop.runOnContext(ignored -> share.send(frames)));
    }

    /** The index of the first gathered event the subscriber has not had; ids ascend, positions only move forward. */
    private static int firstOwed(Subscriber subscriber, long[] ids, int count) {
        long sent = subscriber.lastSentId();
        int from = 0;
        while (from < count && ids[from] <= sent) {
            from++;
        }
        return from;
    }

    private void gather(long eventId, Buffer frame, long sinceNanos) {
        if (gathered == null) {
            gathered = Buffer.buffer(frame.length() * 4);
            gatheredIds = new long[4];
            gatheredStarts = new int[4];
            gatheredSinces = new long[4];
        } else if (gatheredCount == gatheredIds.length) {
            gatheredIds = Arrays.copyOf(gatheredIds, gatheredCount * 2);
            gatheredStarts = Arrays.copyOf(gatheredStarts, gatheredCount * 2);
            gatheredSinces = Arrays.copyOf(gatheredSinces, gatheredCount * 2);
        }
        gatheredIds[gatheredCount] = eventId;
        gatheredStarts[gatheredCount] = gathered.length();
        gatheredSinces[gatheredCount] = sinceNanos;
        gatheredCount++;
        gathered.appendBuffer(frame);
    }

    /**
     * Frames that go out together: {@code count} of them one after another in {@code data}, each beginning at
     * {@code starts} (null for one frame), and when each durable event reached the hub ({@code sinces}; null for an
     * event without id).
     */
    private record Frames(Buffer data, int count, int[] starts, long[] sinces) {

        Frames offHeap() {
            return new Frames(SseFrames.offHeap(data), count, starts, sinces);
        }

        /** Writes the frames from {@code from} on to the subscriber, timed or not. */
        void send(Subscriber subscriber, int from, boolean timed) {
            if (sinces == null) {
                subscriber.writeReservedWithoutId(data);
                return;
            }
            Buffer owed = from == 0 ? data : data.slice(starts[from], data.length());
            long[] timing = !timed ? null : from == 0 ? sinces : Arrays.copyOfRange(sinces, from, count);
            subscriber.writeReserved(owed, count - from, timing);
        }
    }

    /** One event loop's share of a write: its subscribers, and where each one's owed frames begin. */
    private static final class LoopShare {
        private final List<Subscriber> subscribers = new ArrayList<>();
        private int[] froms = new int[8];

        void add(Subscriber subscriber, int from) {
            if (subscribers.size() == froms.length) {
                froms = Arrays.copyOf(froms, froms.length * 2);
            }
            froms[subscribers.size()] = from;
            subscribers.add(subscriber);
        }

        /** On the event loop: each subscriber's write, the last one timed. */
        void send(Frames frames) {
            int last = subscribers.size() - 1;
            for (int i = 0; i <= last; i++) {
                frames.send(subscribers.get(i), froms[i], i == last);
            }
        }
    }

    /** Runs a channel's {@link #flush} on the fan-out thread after a delay. */
    @FunctionalInterface
    interface FlushScheduler {
        void flushLater(StreamChannel channel, long delayNanos);
    }

    /** Deals with a send that did not go out. */
    @FunctionalInterface
    interface OutcomeHandler {
        void handle(StreamChannel channel, Subscriber subscriber, Subscriber.Outcome outcome);
    }
}
