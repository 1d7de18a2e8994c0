package dev.livedesk;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/**
 * The application's one {@link Clock}, which every conversation, message and event time comes from. It ticks in
 * microseconds because that is what PostgreSQL keeps: a time read back from any store is the time that was sent
 * live. Services take it by injection, so tests can hand them another.
 */
@Singleton
public class Clocks {

    /** The system clock in UTC, ticking in microseconds. */
    public static Clock system() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Produces
    @Singleton
    Clock clock() {
        return system();
    }
}
