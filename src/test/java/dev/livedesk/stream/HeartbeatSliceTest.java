package dev.livedesk.stream;

import dev.livedesk.event.StreamKey;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatSliceTest {

    @Test
    void conversationStreamsSpreadEvenlyOverTheHeartbeatSlices() {
        int conversations = 5_000;
        int[] perSlice = new int[StreamHub.HEARTBEAT_SLICES];
        IntStream.range(0, conversations).mapToObj(i -> StreamKey.conversation(new UUID(i, 31L * i).toString()))
                .forEach(key -> perSlice[StreamHub.heartbeatSlice(key)]++);

        double even = (double) conversations / StreamHub.HEARTBEAT_SLICES;
        assertThat(IntStream.of(perSlice).boxed())
                .allSatisfy(count -> assertThat(count).isBetween((int) (even * 0.8), (int) (even * 1.2)));
    }
}
