package dev.livedesk.stream;

import dev.livedesk.event.Audience;
import dev.livedesk.event.StoredEvent;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrameCacheTest {

    private final FrameCache cache = new FrameCache();

    private static StoredEvent event(long id, String text) {
        return new StoredEvent(id, "message", "c1", "{\"text\":\"" + text + "\"}", Audience.EVERYONE);
    }

    @Test
    void aFrameHasTheBytesOfTheEventsEncoding() {
        StoredEvent event = event(7, "ünïcödé");

        assertThat(cache.frameOf(event).getBytes()).isEqualTo(SseFrames.event(event).getBytes());
    }

    @Test
    void aRecentEventIsEncodedOnceForEveryoneWhoAsks() {
        StoredEvent event = event(7, "hello");

        Buffer first = cache.frameOf(event);

        assertThat(cache.frameOf(event)).isSameAs(first);
    }

    @Test
    void anEventThatTakesAnOlderEventsSlotGetsItsOwnFrame() {
        StoredEvent older = event(7, "older");
        StoredEvent newer = event(7 + FrameCache.SLOTS, "newer");
        cache.frameOf(older);

        Buffer frame = cache.frameOf(newer);

        assertThat(frame.getBytes()).isEqualTo(SseFrames.event(newer).getBytes());
        assertThat(cache.frameOf(older).getBytes()).isEqualTo(SseFrames.event(older).getBytes());
    }

    @Test
    void aFrameLargerThanTheLimitIsNotKept() {
        StoredEvent large = event(7, "x".repeat(FrameCache.MAX_FRAME_BYTES));

        Buffer first = cache.frameOf(large);

        assertThat(cache.frameOf(large)).isNotSameAs(first);
        assertThat(cache.frameOf(large).getBytes()).isEqualTo(first.getBytes());
    }
}
