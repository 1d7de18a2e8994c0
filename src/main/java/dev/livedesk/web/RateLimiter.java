package dev.livedesk.web;

import dev.livedesk.error.DeskException;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets by key: each key may spend {@code capacity} units at once and gets them back evenly over
 * {@code period}. Taking a unit is atomic per key, so a limit holds under any concurrency. Keys whose bucket has
 * refilled are forgotten on {@link #sweep()}, so memory follows the active keys only. Counts are per replica.
 */
public final class RateLimiter {

    private final String code;
    private final String message;
    private final int capacity;
    private final double nanosPerUnit;
    private final LongSupplier clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** One key's state; replaced, never mutated, so {@code compute} keeps it consistent. */
    private record Bucket(double units, long at) {
    }

    public RateLimiter(String code, String message, int capacity, Duration period, LongSupplier nanoClock) {
        this.code = code;
        this.message = message;
        this.capacity = capacity;
        this.nanosPerUnit = (double) period.toNanos() / capacity;
        this.clock = nanoClock;
    }

    public RateLimiter(String code, String message, int capacity, Duration period) {
        this(code, message, capacity, period, System::nanoTime);
    }

    /**
     * Spends one unit for the key.
     *
     * @throws DeskException TOO_MANY with Retry-After (whole seconds until a unit is back) when none is left
     */
    public void take(String key) {
        long now = clock.getAsLong();
        boolean[] granted = new boolean[1];
        Bucket after = buckets.compute(key, (k, bucket) -> {
            double units = bucket == null ? capacity : refilled(bucket, now);
            granted[0] = units >= 1;
            return new Bucket(granted[0] ? units - 1 : units, now);
        });
        if (!granted[0]) {
            int seconds = (int) Math.max(1, Math.ceil((1 - after.units()) * nanosPerUnit / 1_000_000_000d));
            throw DeskException.tooMany(code, message, seconds);
        }
    }

    private double refilled(Bucket bucket, long now) {
        return Math.min(capacity, bucket.units() + (now - bucket.at()) / nanosPerUnit);
    }

    /** Forgets keys whose bucket is full again. */
    public void sweep() {
        long now = clock.getAsLong();
        buckets.entrySet().removeIf(entry -> refilled(entry.getValue(), now) >= capacity);
    }

    /** Keys with a bucket that is not full. */
    public int activeKeys() {
        return buckets.size();
    }
}
