package dev.livedesk.store.postgres;

import dev.livedesk.support.LogCapture;
import dev.livedesk.support.Postgres;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The listening connection's behaviour while the database cannot be reached. */
class PostgresFeedTest {

    @Test
    void theReconnectWaitDoublesUpToAFewSeconds() {
        Duration delay = PostgresFeed.RECONNECT_DELAY;
        for (int i = 0; i < 3; i++) {
            Duration next = PostgresFeed.nextDelay(delay);
            assertThat(next).isEqualTo(delay.multipliedBy(2));
            delay = next;
        }
        for (int i = 0; i < 10; i++) {
            delay = PostgresFeed.nextDelay(delay);
        }
        assertThat(delay).isEqualTo(PostgresFeed.MAX_RECONNECT_DELAY).isLessThanOrEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anOutageIsLoggedOnceWhenItBeginsAndOnceWhenItEnds() {
        Postgres.Database database = Postgres.newDatabase().migrated();
        AtomicBoolean down = new AtomicBoolean(true);
        AtomicInteger tries = new AtomicInteger();
        try (LogCapture log = new LogCapture();
             PostgresEventLog events = new PostgresEventLog(database.dataSource(), () -> {
                 tries.incrementAndGet();
                 if (down.get()) {
                     throw new SQLException("connection refused");
                 }
                 return database.dataSource().getConnection();
             }, Duration.ofMinutes(10))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> tries.get() >= 4);

            assertThat(log.warnings()).filteredOn(line -> line.contains("listening connection")).hasSize(1);

            down.set(false);
            await().atMost(Duration.ofSeconds(10)).until(() -> log.lines().stream()
                    .anyMatch(line -> line.contains("Listening to PostgreSQL again")));
            assertThat(log.warnings()).filteredOn(line -> line.contains("listening connection")).hasSize(1);
        }
    }
}
