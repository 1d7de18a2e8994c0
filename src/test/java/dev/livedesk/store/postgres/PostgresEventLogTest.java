package dev.livedesk.store.postgres;

import dev.livedesk.event.EventDraft;
import dev.livedesk.event.EventTypes;
import dev.livedesk.event.StoredEvent;
import dev.livedesk.store.postgres.PostgresEventLog.EventWrite;
import dev.livedesk.store.postgres.PostgresEventLog.Row;
import dev.livedesk.support.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * How a writer ends its transaction with events: the event lock, the events, the rows that carry their ids and the
 * commit go to the database together, so the lock every writer queues for is never held while the database waits
 * for this process; and how the committed events reach this replica's listeners.
 */
class PostgresEventLogTest {

    /** Longer than any test: the feed reads by itself only when woken. */
    private static final Duration NO_POLL = Duration.ofHours(1);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Postgres.Database database = Postgres.newDatabase().migrated();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<PostgresEventLog> logs = new ArrayList<>();

    /** A replica's log that hears no notifications, over a data source that counts the connections it hands out. */
    private PostgresEventLog replica() {
        DataSource real = database.dataSource();
        DataSource counting = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        PostgresEventLog log = new PostgresEventLog(counting, () -> {
            throw new SQLTransientConnectionException("this test hears no notifications");
        }, NO_POLL);
        logs.add(log);
        return log;
    }

    private static List<Long> listen(PostgresEventLog log) {
        List<Long> delivered = new CopyOnWriteArrayList<>();
        log.addListener(event -> delivered.add(event.id()));
        return delivered;
    }

    private static List<Long> ids(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::id).toList();
    }

    private List<StoredEvent> commit(PostgresEventLog log, EventWrite... writes) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            return log.commitWithEvents(connection, List.of(writes));
        }
    }

    @AfterEach
    void closeLogs() {
        logs.forEach(PostgresEventLog::close);
    }

    private static EventWrite withProbe(String conversationId, String probeValue) {
        return new EventWrite(new EventDraft(EventTypes.CONVERSATION, conversationId, "{}"),
                List.of(new Row("INSERT INTO probe (event_id, value) VALUES (" + PostgresEventLog.EVENT_ID + ", ?)",
                        (insert, first) -> {
                            insert.setString(first, probeValue);
                            return first + 1;
                        })));
    }

    private List<String> read(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection other = database.dataSource().getConnection();
             PreparedStatement select = other.prepareStatement(sql);
             ResultSet result = select.executeQuery()) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    @Test
    void theEventsAndTheRowsCarryingTheirIdsAreCommittedBeforeTheCallReturns() throws SQLException {
        database.execute("CREATE TABLE probe (event_id bigint, value text)");
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            List<StoredEvent> stored = replica().commitWithEvents(connection,
                    List.of(withProbe("c1", "first"), withProbe("c1", "second")));

            assertThat(read("SELECT event_id || ':' || value FROM probe ORDER BY event_id")).as("seen from elsewhere")
                    .containsExactly(stored.get(0).id() + ":first", stored.get(1).id() + ":second");
            assertThat(read("SELECT id FROM events ORDER BY id"))
                    .containsExactly(String.valueOf(stored.get(0).id()), String.valueOf(stored.get(1).id()));
            connection.commit();
        }
    }

    @Test
    void aRowThatFailsLeavesNeitherItsEventNorAnythingElseOfTheTransaction() throws SQLException {
        database.execute("CREATE TABLE probe (event_id bigint, value text NOT NULL)");
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement before = connection.prepareStatement("INSERT INTO probe VALUES (0, 'before')")) {
                before.executeUpdate();
            }
            PostgresEventLog log = replica();
            assertThatThrownBy(() -> log.commitWithEvents(connection,
                    List.of(withProbe("c1", "fine"), withProbe("c1", null)))).isInstanceOf(SQLException.class);
            connection.rollback();
        }
        assertThat(read("SELECT value FROM probe")).isEmpty();
        assertThat(read("SELECT id FROM events")).isEmpty();
    }

    @Test
    void nothingToStoreLeavesTheTransactionToTheCaller() throws SQLException {
        database.execute("CREATE TABLE probe (event_id bigint, value text)");
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO probe VALUES (0, 'open')")) {
                insert.executeUpdate();
            }
            assertThat(replica().commitWithEvents(connection, List.of())).isEmpty();
            assertThat(read("SELECT value FROM probe")).as("not committed yet").isEmpty();
            connection.commit();
        }
        assertThat(read("SELECT value FROM probe")).containsExactly("open");
    }

    @Test
    void thisReplicasCommitReachesItsListenersBeforeTheCallReturnsWithoutReadingItBack() throws SQLException {
        database.execute("CREATE TABLE probe (event_id bigint, value text)");
        PostgresEventLog log = replica();
        List<Long> delivered = listen(log);
        int before = connections.get();

        List<StoredEvent> stored = commit(log, withProbe("c1", "first"), withProbe("c1", "second"));

        assertThat(delivered).containsExactlyElementsOf(ids(stored));
        assertThat(connections.get()).as("no connection but the commit's own was asked for").isEqualTo(before);
    }

    @Test
    void aCommitThatFollowsAnotherReplicasIsDeliveredAfterIt() throws SQLException {
        database.execute("CREATE TABLE probe (event_id bigint, value text)");
        PostgresEventLog other = replica();
        PostgresEventLog log = replica();
        List<Long> delivered = listen(log);

        List<StoredEvent> first = commit(other, withProbe("c1", "elsewhere"));
        List<StoredEvent> second = commit(log, withProbe("c1", "here"));

        await().atMost(WAIT).until(() -> delivered.size() == 2);
        assertThat(delivered).containsExactly(first.get(0).id(), second.get(0).id());
    }

    @Test
    void aCommitAfterIdsLostToARollbackIsStillDelivered() throws SQLException {
        database.execute("CREATE TABLE probe (event_id bigint, value text NOT NULL)");
        PostgresEventLog log = replica();
        List<Long> delivered = listen(log);
        assertThatThrownBy(() -> commit(log, withProbe("c1", "fine"), withProbe("c1", null)))
                .isInstanceOf(SQLException.class);

        List<StoredEvent> stored = commit(log, withProbe("c1", "after"));

        await().atMost(WAIT).until(() -> !delivered.isEmpty());
        assertThat(delivered).containsExactlyElementsOf(ids(stored));
    }
}
