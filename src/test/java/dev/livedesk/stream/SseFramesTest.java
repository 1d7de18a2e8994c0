package dev.livedesk.stream;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SseFramesTest {

    @Test
    void anOffHeapFrameHasTheSameBytesAndIsWrittenWithoutACopy() {
        Buffer frame = SseFrames.named("typing", "{\"text\":\"ünïcödé 你好\"}");

        Buffer offHeap = SseFrames.offHeap(frame);

        assertThat(offHeap.getBytes()).isEqualTo(frame.getBytes());
        assertThat(offHeap.toString(StandardCharsets.UTF_8))
                .isEqualTo("event:typing\ndata:{\"text\":\"ünïcödé 你好\"}\n\n");
        assertThat(offHeap.getByteBuf().isDirect()).as("the socket layer copies only heap buffers").isTrue();
    }

    @Test
    void anOffHeapFrameCanBeWrittenAgainAndAgain() {
        Buffer offHeap = SseFrames.offHeap(SseFrames.heartbeat());

        offHeap.getByteBuf().release();

        assertThat(offHeap.getByteBuf().readableBytes()).isEqualTo(3);
        assertThat(offHeap.toString(StandardCharsets.UTF_8)).isEqualTo(":\n\n");
    }
}
