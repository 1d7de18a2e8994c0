package dev.livedesk.stream;

import dev.livedesk.event.StoredEvent;
import io.vertx.core.buffer.Buffer;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The encoded frames of the most recent events, so that replays do not encode again what the fan-out (or another
 * replay) encoded already.
 *
 * <p>Why: when a replica drains, or a network blip cuts many clients at once, thousands of streams resume within
 * seconds, each replaying the same recent events; encoding every event once per resuming stream made such a storm
 * the largest allocator in a profile. Recent events are exactly what resuming clients miss.
 *
 * <p>Bounded twice: {@value #SLOTS} slots, one per event id modulo their number (event ids are global, so an event
 * only ever meets its own slot), and frames over {@value #MAX_FRAME_BYTES} bytes are not kept, so the cache never
 * holds more than {@value #SLOTS} × {@value #MAX_FRAME_BYTES} bytes. A stored event never changes, so a frame found
 * under its id is always the right one. Safe for any thread; a race between two writers of one slot only costs an
 * encoding.
 */
final class FrameCache {

    static final int SLOTS = 2048;
    static final int MAX_FRAME_BYTES = 4096;

    private record Entry(long id, Buffer frame) {
    }

    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);

    /** The event's frame, encoded now unless a recent call encoded it already. */
    Buffer frameOf(StoredEvent event) {
        int slot = (int) (event.id() & (SLOTS - 1));
        Entry cached = slots.get(slot);
        if (cached != null && cached.id() == event.id()) {
            return cached.frame();
        }
        Buffer frame = SseFrames.event(event);
        if (frame.length() <= MAX_FRAME_BYTES) {
            slots.set(slot, new Entry(event.id(), frame));
        }
        return frame;
    }
}
