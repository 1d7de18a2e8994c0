package dev.livedesk.store.postgres;

import dev.livedesk.bot.UnansweredStore.Unanswered;
import dev.livedesk.support.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/** Recording an unanswered question never waits for the database, and what queues meanwhile goes in together. */
class PostgresUnansweredStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private final Postgres.Database database = Postgres.newDatabase().migrated();
    private final AtomicInteger connections = new AtomicInteger();
    private final CountDownLatch firstConnection = new CountDownLatch(1);
    private PostgresUnansweredStore store;

    @AfterEach
    void close() throws InterruptedException {
        firstConnection.countDown();
        store.close();
    }

    /** The database's pool, whose first connection is handed out only once the test lets it. */
    private DataSource heldAtFirst() {
        DataSource real = database.dataSource();
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && connections.incrementAndGet() == 1) {
                        assertThat(firstConnection.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Counted on a connection of the test's own, which the store's count leaves out. */
    private long stored() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM unanswered_questions")) {
            return Jdbc.single(count);
        }
    }

    private static Unanswered asked(int second) {
        return new Unanswered("c" + second, "en", "question " + second, false, T0.plusSeconds(second));
    }

    @Test
    void questionsRecordedWhileAnInsertIsOnItsWayGoInOneTransaction() {
        store = new PostgresUnansweredStore(new Jdbc(heldAtFirst()));
        store.record(asked(0));
        await().atMost(WAIT).until(() -> connections.get() == 1);
        for (int second = 1; second <= 50; second++) {
            store.record(asked(second));
        }
        firstConnection.countDown();
        await().atMost(WAIT).until(() -> stored() == 51);
        assertThat(connections.get()).isEqualTo(2);
    }

    @Test
    void recordingReturnsWhenTheDatabaseCannotBeReached() {
        DataSource away = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{DataSource.class}, (proxy, method, args) -> {
                    throw new SQLTransientConnectionException("the database is away");
                });
        store = new PostgresUnansweredStore(new Jdbc(away));
        assertThatCode(() -> store.record(asked(0))).doesNotThrowAnyException();
    }
}
