package dev.livedesk.store.postgres;

import dev.livedesk.event.EventDraft;
import dev.livedesk.event.EventTypes;
import dev.livedesk.event.StoredEvent;
import dev.livedesk.store.postgres.PostgresEventLog.EventWrite;
import dev.livedesk.store.postgres.PostgresEventLog.Row;
import dev.livedesk.support.Postgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How a writer ends its transaction with events: the event lock, the events, the rows that carry their ids and the
 * commit go to the database together, so the lock every writer queues for is never held while the database waits
 * for this process.
 */
class PostgresEventLogTest {

    private final Postgres.Database database = Postgres.newDatabase().migrated();

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
            List<StoredEvent> stored = PostgresEventLog.commitWithEvents(connection,
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
            assertThatThrownBy(() -> PostgresEventLog.commitWithEvents(connection,
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
            assertThat(PostgresEventLog.commitWithEvents(connection, List.of())).isEmpty();
            assertThat(read("SELECT value FROM probe")).as("not committed yet").isEmpty();
            connection.commit();
        }
        assertThat(read("SELECT value FROM probe")).containsExactly("open");
    }
}
