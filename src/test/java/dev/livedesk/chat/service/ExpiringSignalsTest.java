package dev.livedesk.chat.service;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ExpiringSignalsTest {

    private final ExpiringSignals signals = new ExpiringSignals("test-signals", 100);
    private final AtomicInteger expired = new AtomicInteger();

    @AfterEach
    void stop() {
        signals.stop();
    }

    @Test
    void anOnThatIsNotRefreshedExpiresOnce() {
        signals.report("a", true, expired::incrementAndGet);

        await().atMost(Duration.ofSeconds(5)).until(() -> expired.get() == 1);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> expired.get() == 1);
    }

    @Test
    void anOffCancelsTheExpiry() {
        signals.report("a", true, expired::incrementAndGet);
        signals.report("a", false, expired::incrementAndGet);

        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(5)).until(() -> expired.get() == 0);
    }

    @Test
    void onlyTheLatestRefreshCanExpire() {
        AtomicInteger first = new AtomicInteger();
        signals.report("a", true, first::incrementAndGet);
        signals.report("a", true, expired::incrementAndGet);

        await().atMost(Duration.ofSeconds(5)).until(() -> expired.get() == 1);
        assertThat(first.get()).as("the earlier report's expiry was replaced").isZero();
    }

    @Test
    void keysExpireIndependently() {
        AtomicInteger other = new AtomicInteger();
        signals.report("a", true, expired::incrementAndGet);
        signals.report("b", true, other::incrementAndGet);
        signals.report("b", false, other::incrementAndGet);

        await().atMost(Duration.ofSeconds(5)).until(() -> expired.get() == 1);
        assertThat(other.get()).isZero();
    }
}
