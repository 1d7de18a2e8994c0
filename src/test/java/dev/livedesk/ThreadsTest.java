package dev.livedesk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadsTest {

    @Test
    void yieldingThreadsRunAtTheLowestPriority() {
        Thread thread = Threads.yielding("work").newThread(() -> { });
        assertThat(thread.getPriority()).isEqualTo(Thread.MIN_PRIORITY);
    }

    @Test
    void yieldingThreadsAreNamedDaemons() {
        Thread thread = Threads.yielding("work").newThread(() -> { });
        assertThat(thread.getName()).isEqualTo("work");
        assertThat(thread.isDaemon()).isTrue();
    }
}
