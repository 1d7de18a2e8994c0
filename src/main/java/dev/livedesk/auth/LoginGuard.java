package dev.livedesk.auth;

import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.error.DeskException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Back-off for password guessing, per username: after {@code livedesk.limits.login-failures-before-backoff}
 * failures, each attempt must wait 1 s, then 2 s, 4 s... up to 15 minutes, even with the right password; a success
 * clears the record. Unknown usernames are tracked too, so the answer does not reveal which exist. Per replica.
 */
@ApplicationScoped
public class LoginGuard {

    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    /** Records that have waited this long with no new failure are forgotten. */
    private static final long FORGET_NANOS = MAX_WAIT.multipliedBy(2).toNanos();
    private static final long SWEEP_NANOS = Duration.ofMinutes(1).toNanos();

    private final int freeFailures;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

    /** Failures so far and when the next attempt may come. */
    private record Failures(int count, long notBefore, long last) {
    }

    public LoginGuard(LiveDeskConfig config) {
        this.freeFailures = config.limits().loginFailuresBeforeBackoff();
    }

    /** @throws DeskException TOO_MANY with Retry-After while the username must wait */
    public void check(String username) {
        Failures record = failures.get(key(username));
        long now = System.nanoTime();
        if (record != null && record.notBefore() - now > 0) {
            long seconds = Math.max(1, Duration.ofNanos(record.notBefore() - now).toSeconds() + 1);
            throw DeskException.tooMany("too-many-login-attempts",
                    "Too many failed logins for this username; wait before trying again", (int) seconds);
        }
    }

    public void failed(String username) {
        long now = System.nanoTime();
        failures.compute(key(username), (k, record) -> {
            int count = record == null || now - record.last() > FORGET_NANOS ? 1 : record.count() + 1;
            long wait = count < freeFailures ? 0
                    : Math.min(MAX_WAIT.toNanos(), Duration.ofSeconds(1L << Math.min(20, count - freeFailures)).toNanos());
            return new Failures(count, now + wait, now);
        });
        long previous = lastSweep.get();
        if (now - previous > SWEEP_NANOS && lastSweep.compareAndSet(previous, now)) {
            failures.entrySet().removeIf(entry -> now - entry.getValue().last() > FORGET_NANOS);
        }
    }

    public void succeeded(String username) {
        failures.remove(key(username));
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
