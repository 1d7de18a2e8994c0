package dev.livedesk.stream;

import dev.livedesk.event.StreamKey;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The subscribers of one stream. Every method but {@link #size()} and {@link #subscribers()} runs on the hub's
 * fan-out thread, which hands each write to the subscribers' event loops.
 *
 * <p>Durable events that follow each other closer than the batch window ({@code livedesk.stream.batch-window}) are
 * gathered and written together once the window since the last write has passed: one write per connection per
 * window instead of one per event. The agents' stream carries every conversation's changes, hundreds a second, and a
 * write is a task, a promise and a system call per connection. An event after a quiet window goes out at once, so a stream as slow as a conversation's
 * is never held back.
 */
final class StreamChannel {

    /**
     * From this many subscribers on, a frame is copied off the heap once rather than by the socket layer for each
     * connection; below it, the one allocation costs more than the copies it saves.
     */
    static final int OFF_HEAP_FROM = 8;

    private final StreamKey key;
    /**
     * The subscribers by event loop, each loop's as an array that the fan-out thread replaces on every change and
     * nobody changes in place: a write hands each loop the array it had then, so the loop checks and writes its own
     * connections without the fan-out thread touching them (see {@link #dispatch}), and other threads count and list
     * them without a lock.
     */
    private final Map<Context, Subscriber[]> byLoop = new ConcurrentHashMap<>(4);
    /** Subscribers opened outside an event loop, the same way. */
    private volatile Subscriber[] unbound = NONE;
    private static final Subscriber[] NONE = new Subscriber[0];
    private final long windowNanos;
    private final FlushScheduler scheduler;
    private final Consumer<Subscriber> onOverflow;
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
    /** Each gathered event's inbox, or null for one of none. */
    private String[] gatheredInboxes;
    private int gatheredCount;

    /**
     * @param window     how close durable events must follow each other to be written together; zero writes each at
     *                   once
     * @param onOverflow what to do with a subscriber whose backlog a write would take over the cap; runs on the
     *                   subscriber's event loop, or on the fan-out thread for a subscriber without one
     */
    StreamChannel(StreamKey key, Duration window, FlushScheduler scheduler, Consumer<Subscriber> onOverflow) {
        this.key = key;
        this.windowNanos = window.toNanos();
        this.scheduler = scheduler;
        this.onOverflow = onOverflow;
        this.lastWriteNanos = System.nanoTime() - windowNanos;
    }

    StreamKey key() {
        return key;
    }

    void add(Subscriber subscriber) {
        Context loop = subscriber.loop();
        if (loop == null) {
            unbound = with(unbound, subscriber);
        } else {
            byLoop.put(loop, with(byLoop.getOrDefault(loop, NONE), subscriber));
        }
    }

    /** Removes the subscriber; returns false when it was gone already. */
    boolean remove(Subscriber subscriber) {
        Context loop = subscriber.loop();
        Subscriber[] members = loop == null ? unbound : byLoop.getOrDefault(loop, NONE);
        int at = Arrays.asList(members).indexOf(subscriber);
        if (at < 0) {
            return false;
        }
        Subscriber[] rest = new Subscriber[members.length - 1];
        System.arraycopy(members, 0, rest, 0, at);
        System.arraycopy(members, at + 1, rest, at, rest.length - at);
        if (loop == null) {
            unbound = rest;
        } else if (rest.length == 0) {
            byLoop.remove(loop);
        } else {
            byLoop.put(loop, rest);
        }
        return true;
    }

    private static Subscriber[] with(Subscriber[] members, Subscriber added) {
        Subscriber[] grown = Arrays.copyOf(members, members.length + 1);
        grown[members.length] = added;
        return grown;
    }

    boolean isEmpty() {
        return size() == 0;
    }

    int size() {
        int size = unbound.length;
        for (Subscriber[] members : byLoop.values()) {
            size += members.length;
        }
        return size;
    }

    StreamKey.Kind kind() {
        return key.kind();
    }

    /** The subscribers as they are now. */
    List<Subscriber> subscribers() {
        List<Subscriber> all = new ArrayList<>(Arrays.asList(unbound));
        byLoop.values().forEach(members -> all.addAll(Arrays.asList(members)));
        return all;
    }

    /**
     * Writes one durable event of an inbox (or of none: null), which reached the hub at {@code sinceNanos}, to every
     * subscriber that has not had it yet and {@linkplain Subscriber#sees sees} that inbox: at once when the window
     * since the last write has passed, otherwise with whatever else comes until it has.
     */
    void publish(long eventId, String inboxId, Buffer frame, long sinceNanos) {
        if (gatheredCount == 0 && sinceNanos - lastWriteNanos >= windowNanos) {
            lastWriteNanos = sinceNanos;
            dispatch(new Frames(frame, 1, null, new long[] {sinceNanos}, inboxId == null ? null
                    : new String[] {inboxId}), new long[] {eventId});
            return;
        }
        gather(eventId, inboxId, frame, sinceNanos);
        if (gatheredCount == 1) {
            scheduler.flushLater(this, lastWriteNanos + windowNanos - sinceNanos);
        }
    }

    /**
     * Writes an event without id to every live subscriber that sees its inbox (null: every one); it moves nobody's
     * position. What was gathered goes out first, so that the stream keeps the order in which the hub had its events.
     */
    void publishEphemeral(Buffer frame, String inboxId) {
        flush();
        dispatch(new Frames(frame, 1, null, null, inboxId == null ? null : new String[] {inboxId}), null);
    }

    /** Writes what was gathered, if anything; the scheduler calls it once the window has passed. */
    void flush() {
        if (gatheredCount == 0) {
            return;
        }
        lastWriteNanos = System.nanoTime();
        Frames frames = new Frames(gathered, gatheredCount, gatheredStarts, gatheredSinces, gatheredInboxes);
        long[] ids = gatheredIds;
        gathered = null;
        gatheredInboxes = null;
        gatheredIds = null;
        gatheredStarts = null;
        gatheredSinces = null;
        gatheredCount = 0;
        dispatch(frames, ids);
    }

    /**
     * Writes the frames to every subscriber owed any of them: of durable events ({@code ids} ascending) those after
     * the subscriber's position, which it then moves; of an event without id ({@code ids} null) all. Each event loop
     * gets one task with the subscribers it had at this moment and does the checks and the writes itself, so that no
     * loop waits for this thread to pass over every subscriber (whose positions and backlogs their loops write).
     * A subscriber that joins later has had these events from history, and one that left is closed, so the
     * subscribers as of now are the right ones. Only each task's last write is timed: it finishes that loop's share
     * of the fan-out, and timing every write would cost CPU on every delivery.
     */
    private void dispatch(Frames encoded, long[] ids) {
        Frames frames = size() >= OFF_HEAP_FROM ? encoded.offHeap() : encoded;
        byLoop.forEach((loop, members) -> loop.runOnContext(ignored -> send(members, frames, ids)));
        send(unbound, frames, ids);
    }

    /** Checks and writes each of the subscribers owed any of the frames; the last one written is timed. */
    private void send(Subscriber[] members, Frames frames, long[] ids) {
        int count = frames.count();
        Subscriber last = null;
        int lastFrom = 0;
        for (Subscriber subscriber : members) {
            int from = ids == null ? 0 : firstOwed(subscriber, ids, count);
            if (from == count) {
                continue;
            }
            if (!subscriber.seesAll() && frames.inboxes() != null) {
                int[] shown = frames.shownTo(subscriber, from);
                if (shown != null) {
                    sendShown(subscriber, frames, shown, ids);
                    continue;
                }
            }
            if (!reserved(subscriber, count - from)) {
                continue;
            }
            if (ids != null) {
                subscriber.advanceTo(ids[count - 1]);
            }
            if (last != null) {
                frames.send(last, lastFrom, false);
            }
            last = subscriber;
            lastFrom = from;
        }
        if (last != null) {
            frames.send(last, lastFrom, true);
        }
    }

    /**
     * Writes a subscriber who does not see every inbox the frames it sees ({@code shown}, indexes into the frames),
     * untimed, and moves its position past all of them: what it does not see it will never be owed.
     */
    private void sendShown(Subscriber subscriber, Frames frames, int[] shown, long[] ids) {
        if (shown.length > 0 && !reserved(subscriber, shown.length)) {
            return;
        }
        if (ids != null) {
            subscriber.advanceTo(ids[frames.count() - 1]);
        }
        if (shown.length == 0) {
            return;
        }
        Buffer data = frames.only(shown);
        if (ids == null) {
            subscriber.writeReservedWithoutId(data);
        } else {
            subscriber.writeReserved(data, shown.length, null);
        }
    }

    /**
     * Takes places in the subscriber's backlog for frames about to be written; false when it has ended or would go
     * over its cap (it is then handed to the overflow handler).
     */
    private boolean reserved(Subscriber subscriber, int frames) {
        Subscriber.Outcome outcome = subscriber.reserve(frames);
        if (outcome == Subscriber.Outcome.OVERFLOW) {
            onOverflow.accept(subscriber);
        }
        return outcome == Subscriber.Outcome.SENT;
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

    private void gather(long eventId, String inboxId, Buffer frame, long sinceNanos) {
        if (gathered == null) {
            gathered = Buffer.buffer(frame.length() * 4);
            gatheredIds = new long[4];
            gatheredStarts = new int[4];
            gatheredSinces = new long[4];
        } else if (gatheredCount == gatheredIds.length) {
            gatheredIds = Arrays.copyOf(gatheredIds, gatheredCount * 2);
            gatheredStarts = Arrays.copyOf(gatheredStarts, gatheredCount * 2);
            gatheredSinces = Arrays.copyOf(gatheredSinces, gatheredCount * 2);
            if (gatheredInboxes != null) {
                gatheredInboxes = Arrays.copyOf(gatheredInboxes, gatheredCount * 2);
            }
        }
        if (inboxId != null) {
            if (gatheredInboxes == null) {
                gatheredInboxes = new String[gatheredIds.length];
            }
            gatheredInboxes[gatheredCount] = inboxId;
        }
        gatheredIds[gatheredCount] = eventId;
        gatheredStarts[gatheredCount] = gathered.length();
        gatheredSinces[gatheredCount] = sinceNanos;
        gatheredCount++;
        gathered.appendBuffer(frame);
    }

    /**
     * Frames that go out together: {@code count} of them one after another in {@code data}, each beginning at
     * {@code starts} (null for one frame), when each durable event reached the hub ({@code sinces}; null for an
     * event without id), and each one's inbox ({@code inboxes}; null when none has one).
     */
    private record Frames(Buffer data, int count, int[] starts, long[] sinces, String[] inboxes) {

        Frames offHeap() {
            return new Frames(SseFrames.offHeap(data), count, starts, sinces, inboxes);
        }

        /**
         * The indexes, from {@code from} on, of the frames the subscriber sees; null when it sees them all (the
         * common case, written the usual way).
         */
        int[] shownTo(Subscriber subscriber, int from) {
            int hidden = from;
            while (hidden < count && subscriber.sees(inboxes[hidden])) {
                hidden++;
            }
            if (hidden == count) {
                return null;
            }
            int[] shown = new int[count - from - 1];
            int size = 0;
            for (int at = from; at < hidden; at++) {
                shown[size++] = at;
            }
            for (int at = hidden + 1; at < count; at++) {
                if (subscriber.sees(inboxes[at])) {
                    shown[size++] = at;
                }
            }
            return Arrays.copyOf(shown, size);
        }

        /** The frames at the given indexes (some, not all, of several), one after another. */
        Buffer only(int[] indexes) {
            Buffer joined = Buffer.buffer();
            for (int at : indexes) {
                joined.appendBuffer(data.slice(starts[at], at + 1 < count ? starts[at + 1] : data.length()));
            }
            return joined;
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

    /** Runs a channel's {@link #flush} on the fan-out thread after a delay. */
    @FunctionalInterface
    interface FlushScheduler {
        void flushLater(StreamChannel channel, long delayNanos);
    }
}
