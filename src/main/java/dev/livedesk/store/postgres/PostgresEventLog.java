package dev.livedesk.store.postgres;

import dev.livedesk.event.Audience;
import dev.livedesk.event.EventDraft;
import dev.livedesk.event.EventLog;
import dev.livedesk.event.Replay;
import dev.livedesk.event.StoredEvent;
import dev.livedesk.event.StreamKey;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The event log in PostgreSQL, shared by every replica; it keeps every event, so a replay is cut only by its limit.
 *
 * <p>Writers (the other PostgreSQL stores) end their own transaction with {@link #commitWithEvents}, after locking
 * the row they change and writing what needs no event id. That takes a transaction-level advisory lock and only then
 * draws ids from the sequence, so ids are drawn and committed in the same order and a reader by id never sees a hole
 * that fills later. Locks are always taken in that order (row, then events), so writers cannot deadlock. Each commit
 * queues a NOTIFY that wakes every replica's {@link PostgresFeed}, which hands the events to that replica's
 * listeners; the committing replica hands its own events to its feed directly, without reading them back.
 */
public final class PostgresEventLog implements EventLog, AutoCloseable {

    /** The advisory lock key (int8) under which event ids are drawn: "LDEV" in ASCII. */
    private static final long EVENT_LOCK = 0x4C444556L;
    private static final String EVENT_COLUMNS = "id, type, conversation_id, data, to_agents, to_customer, inbox_id";
    /** How a {@link Row} names the id of the event it follows: the id its transaction drew last. */
    static final String EVENT_ID = "currval('event_ids')";

    private final Jdbc jdbc;
    private final PostgresFeed feed;

    public PostgresEventLog(DataSource dataSource, PostgresFeed.ListenConnections listenConnections,
                            Duration pollInterval) {
        this.jdbc = new Jdbc(dataSource);
        this.feed = new PostgresFeed(this, listenConnections, pollInterval, lastEventId());
    }

    /** The connection helper the other PostgreSQL stores share. */
    Jdbc jdbc() {
        return jdbc;
    }

    /** The feed that also carries this replica's ephemeral notifications. */
    PostgresFeed feed() {
        return feed;
    }

    @Override
    public long lastEventId() {
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT coalesce(max(id), 0) FROM events")) {
                return Jdbc.single(select);
            }
        });
    }

    /** The id of the newest event the conversation's stream carries, or 0. */
    long lastEventId(String conversationId) {
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT coalesce(max(id), 0) FROM events WHERE conversation_id = ? AND to_customer")) {
                select.setString(1, conversationId);
                return Jdbc.single(select);
            }
        });
    }

    /** Everything is retained, so a replay is cut only by {@code max}. */
    @Override
    public Replay replay(StreamKey stream, long afterId, long upToId, int max) {
        if (stream.kind() == StreamKey.Kind.STATUS) {
            return new Replay(List.of(), false);
        }
        return jdbc.read(connection -> {
            String which = stream.isAgents() ? "to_agents" : "conversation_id = ? AND to_customer";
            try (PreparedStatement select = connection.prepareStatement("SELECT " + EVENT_COLUMNS + " FROM events "
                    + "WHERE " + which + " AND id > ? AND id <= ? ORDER BY id DESC LIMIT ?")) {
                int i = 1;
                if (!stream.isAgents()) {
                    select.setString(i++, stream.conversationId());
                }
                select.setLong(i++, afterId);
                select.setLong(i++, upToId);
                select.setInt(i, max + 1);
                List<StoredEvent> newestFirst = Jdbc.rows(select, PostgresEventLog::event);
                boolean cut = newestFirst.size() > max;
                if (cut) {
                    newestFirst.remove(newestFirst.size() - 1);
                }
                Collections.reverse(newestFirst);
                return new Replay(List.copyOf(newestFirst), cut);
            }
        });
    }

    @Override
    public long addListener(Consumer<StoredEvent> listener) {
        return feed.addListener(listener);
    }

    /** The events after {@code afterId}, oldest first, at most {@code limit}: what the feed delivers next. */
    List<StoredEvent> after(long afterId, int limit) {
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + EVENT_COLUMNS
                    + " FROM events WHERE id > ? ORDER BY id LIMIT ?")) {
                select.setLong(1, afterId);
                select.setInt(2, limit);
                return Jdbc.rows(select, PostgresEventLog::event);
            }
        });
    }

    /** Sends a notification on a channel, outside any transaction. */
    void notify(String channel, String payload) {
        jdbc.read(connection -> {
            try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                notify.setString(1, channel);
                notify.setString(2, payload);
                notify.execute();
            }
            return null;
        });
    }

    /**
     * Ends the caller's transaction: takes the event lock, draws the ids and inserts the events, each followed by the
     * rows that carry its id, queues the wake-up notification (its payload the newest id) and commits, all in one
     * round trip. The lock is held until the commit, so what holds it must not wait for this process: sent as
     * separate statements, every write paid a round trip to the JVM under the lock, and under load the threads
     * waiting for it queued behind a writer that was waiting for a core. With nothing to insert it returns without
     * committing, and the caller commits as usual.
     *
     * <p>The committed events go straight to this replica's feed, which delivers them without reading them back when
     * they follow the last event it delivered (see {@link PostgresFeed#committed}).
     *
     * @throws SQLException as JDBC does; a failed statement rolls the transaction back on the server, nothing after
     *     it runs
     */
    List<StoredEvent> commitWithEvents(Connection connection, List<EventWrite> writes) throws SQLException {
        if (writes.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT pg_advisory_xact_lock(?)");
        for (EventWrite write : writes) {
            sql.append(";INSERT INTO events (").append(EVENT_COLUMNS).append(") ")
                    .append("VALUES (nextval('event_ids'), ?, ?, ?, ?, ?, ?) RETURNING id");
            write.rows().forEach(row -> sql.append(';').append(row.sql()));
        }
        sql.append(";SELECT pg_notify(?, ").append(EVENT_ID).append("::text);COMMIT");
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            statement.setLong(1, EVENT_LOCK);
            int index = 2;
            for (EventWrite write : writes) {
                EventDraft draft = write.draft();
                statement.setString(index++, draft.type());
                statement.setString(index++, draft.conversationId());
                statement.setString(index++, draft.data());
                statement.setBoolean(index++, draft.audience().agentsStream());
                statement.setBoolean(index++, draft.audience().conversationStream());
                statement.setString(index++, draft.inboxId());
                for (Row row : write.rows()) {
                    index = row.binder().bind(statement, index);
                }
            }
            statement.setString(index, PostgresFeed.EVENTS_CHANNEL);
            statement.execute();
            List<StoredEvent> stored = new ArrayList<>(writes.size());
            for (EventWrite write : writes) {
                statement.getMoreResults();
                try (ResultSet id = statement.getResultSet()) {
                    id.next();
                    stored.add(StoredEvent.of(id.getLong(1), write.draft()));
                }
                for (int i = 0; i < write.rows().size(); i++) {
                    statement.getMoreResults();
                }
            }
            feed.committed(stored);
            return stored;
        }
    }

    /** An event to store, and the caller's rows that carry its id. */
    record EventWrite(EventDraft draft, List<Row> rows) {

        static List<EventWrite> of(List<EventDraft> drafts) {
            return drafts.stream().map(draft -> new EventWrite(draft, List.of())).toList();
        }
    }

    /** A row that carries an event's id: SQL that names the id as {@link #EVENT_ID}, and what binds the rest. */
    record Row(String sql, Binder binder) {
    }

    /** Binds a row's parameters. */
    @FunctionalInterface
    interface Binder {

        /** Binds the row's parameters from {@code first} on; returns the index after its last. */
        int bind(PreparedStatement statement, int first) throws SQLException;
    }

    private static StoredEvent event(ResultSet rows) throws SQLException {
        return new StoredEvent(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(7),
                rows.getString(4), Audience.of(rows.getBoolean(5), rows.getBoolean(6)));
    }

    @Override
    public void close() {
        feed.close();
    }
}
