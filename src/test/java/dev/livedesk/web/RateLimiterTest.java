package dev.livedesk.web;

import dev.livedesk.error.DeskException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter("too-many", "slow down", 3, Duration.ofMinutes(1), now::get);

    @Test
    void allowsTheCapacityAtOnceThenRefusesWithTheWaitUntilTheNextUnit() {
        limiter.take("a");
        limiter.take("a");
        limiter.take("a");
        assertThatThrownBy(() -> limiter.take("a")).isInstanceOfSatisfying(DeskException.class, e -> {
            assertThat(e.kind()).isEqualTo(DeskException.Kind.TOO_MANY);
            assertThat(e.retryAfterSeconds()).isEqualTo(20);
        });
    }

    @Test
    void keysAreIndependent() {
        for (int i = 0; i < 3; i++) {
            limiter.take("a");
        }

        assertThatThrownBy(() -> limiter.take("a")).isInstanceOf(DeskException.class);
        for (int i = 0; i < 3; i++) {
            assertThatCode(() -> limiter.take("b")).as("b's own capacity").doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> limiter.take("b")).isInstanceOf(DeskException.class);
    }

    @Test
    void refillsEvenlyOverThePeriod() {
        for (int i = 0; i < 3; i++) {
            limiter.take("a");
        }
        now.addAndGet(Duration.ofSeconds(20).toNanos());
        limiter.take("a");
        assertThatThrownBy(() -> limiter.take("a")).isInstanceOf(DeskException.class);
    }

    @Test
    void forgetsKeysOnceTheirBucketIsFull() {
        limiter.take("a");
        limiter.take("b");
        now.addAndGet(Duration.ofSeconds(20).toNanos());
        limiter.sweep();
        assertThat(limiter.activeKeys()).isZero();
    }
}
