package dev.livedesk.chat.service;

import dev.livedesk.Threads;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signals that last until they are switched off or stop being refreshed (typing, viewing): each "on" report
 * schedules an expiry that fires only if no later report of the same key replaced it, so a closed tab never leaves a
 * signal on.
 */
final class ExpiringSignals {

    private final long timeoutMillis;
    /** The newest report per key; an expiry fires only if no later report replaced it. */
    private final Map<String, Long> latest = new ConcurrentHashMap<>();
    private final AtomicLong reports = new AtomicLong();
    private final ScheduledExecutorService timers;

    ExpiringSignals(String threadName, long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        this.timers = Threads.scheduler(threadName);
    }

    /** Records an "on" (refreshing it) or an "off"; {@code onExpiry} runs if the "on" is not refreshed in time. */
    void report(String key, boolean on, Runnable onExpiry) {
        if (on) {
            long report = reports.incrementAndGet();
            latest.put(key, report);
            timers.schedule(() -> {
                if (latest.remove(key, report)) {
                    onExpiry.run();
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        } else {
            latest.remove(key);
        }
    }

    void stop() {
        timers.shutdownNow();
    }
}
