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
        long now = System.nanoTime();
        if (gatheredCount == 0 && now - lastWriteNanos >= windowNanos) {
            lastWriteNanos = now;
            fanOut(frame, sinceNanos, eventId);
            return;
        }
        gather(eventId, frame, sinceNanos);
        if (gatheredCount == 1) {
            scheduler.flushLater(this, lastWriteNanos + windowNanos - now);
        }
    }

    /**
     * Writes an event without id to every live subscriber; it moves nobody's position. What was gathered goes out
     * first, so that the stream keeps the order in which the hub had its events.
     */
    void publishEphemeral(Buffer frame) {
        flush();
        fanOut(frame, Subscriber.NOT_DURABLE, Long.MIN_VALUE);
    }

    /** Writes what was gathered, if anything; the scheduler calls it once the window has passed. */
    void flush() {
        if (gatheredCount == 0) {
            return;
        }
        lastWriteNanos = System.nanoTime();
        Buffer frames = gathered;
        long[] ids = gatheredIds;
        int[] starts = gatheredStarts;
        long[] sinces = gatheredSinces;
        int count = gatheredCount;
        gathered = null;
        gatheredIds = null;
        gatheredStarts = null;
        gatheredSinces = null;
        gatheredCount = 0;
        Buffer shared = subscribers.size() >= OFF_HEAP_FROM ? SseFrames.offHeap(frames) : frames;
        Map<Context, List<Write>> byLoop = new HashMap<>(4);
        for (Subscriber subscriber : subscribers) {
            int from = firstOwed(subscriber, ids, count);
            if (from == count) {
                continue;
            }
            Subscriber.Outcome outcome = subscriber.reserve(count - from);
            if (outcome != Subscriber.Outcome.SENT) {
                handler.handle(this, subscriber, outcome);
                continue;
            }
            subscriber.advanceTo(ids[count - 1]);
            Buffer owed = from == 0 ? shared : shared.slice(starts[from], shared.length());
            Write write = new Write(subscriber, owed, count - from);
            if (subscriber.loop() == null) {
                write.send(sinces, count);
            } else {
                byLoop.computeIfAbsent(subscriber.loop(), loop -> new ArrayList<>()).add(write);
            }
        }
        byLoop.forEach((loop, batch) -> loop.runOnContext(ignored -> {
            int last = batch.size() - 1;
            for (int i = 0; i < last; i++) {
                batch.get(i).send(null, count);
            }
            batch.get(last).send(sinces, count);
        }));
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
     * Writes one frame to every subscriber that is owed it ({@code eventId} above its position; every subscriber for
     * an event without id, {@code Long.MIN_VALUE}) and reports each subscriber it could not reach. The checks run
     * here; the writes run on the connections' event loops, one task per event loop. Only each task's last write is
     * timed: it finishes that loop's share of the fan-out, and timing every write cost 2 % of the fan-out's CPU
     * (profiled, 2,000 subscribers).
     */
    private void fanOut(Buffer encoded, long durableSince, long eventId) {
        Buffer frame = subscribers.size() >= OFF_HEAP_FROM ? SseFrames.offHeap(encoded) : encoded;
        boolean durable = durableSince != Subscriber.NOT_DURABLE;
        Map<Context, List<Subscriber>> byLoop = new HashMap<>(4);
        for (Subscriber subscriber : subscribers) {
            if (durable && subscriber.lastSentId() >= eventId) {
                continue;
            }
            Subscriber.Outcome outcome = subscriber.reserve(1);
            if (outcome != Subscriber.Outcome.SENT) {
                handler.handle(this, subscriber, outcome);
                continue;
            }
            if (durable) {
                subscriber.advanceTo(eventId);
            }
            if (subscriber.loop() == null) {
                subscriber.writeReserved(frame, durableSince);
            } else {
                byLoop.computeIfAbsent(subscriber.loop(), loop -> new ArrayList<>()).add(subscriber);
            }
        }
        long untimed = durable ? Subscriber.UNTIMED : Subscriber.NOT_DURABLE;
        byLoop.forEach((loop, batch) -> loop.runOnContext(ignored -> {
            int last = batch.size() - 1;
            for (int i = 0; i <= last; i++) {
                batch.get(i).writeReserved(frame, i == last ? durableSince : untimed);
            }
        }));
    }

    /** Gathered events one subscriber is owed: the last {@code frames} of them. */
    private record Write(Subscriber subscriber, Buffer data, int frames) {

        /** Sends them, timing each with {@code sinces} (all gathered events' arrivals), or none when it is null. */
        void send(long[] sinces, int count) {
            subscriber.writeReserved(data, frames,
                    sinces == null ? null : Arrays.copyOfRange(sinces, count - frames, count));
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
