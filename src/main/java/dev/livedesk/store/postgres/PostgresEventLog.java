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
 * <p>Writers (the other PostgreSQL stores) insert events with {@link #insertEvents} inside their own transaction,
 * after locking the row they change: that takes a transaction-level advisory lock and only then draws ids from the
 * sequence, so ids are drawn and committed in the same order and a reader by id never sees a hole that fills later.
 * Locks are always taken in that order (row, then events), so writers cannot deadlock. Each commit queues a NOTIFY
 * that wakes every replica's {@link PostgresFeed}, which hands the events to this replica's listeners.
 */
public final class PostgresEventLog implements EventLog, AutoCloseable {

    /** The advisory lock key (int8) under which event ids are drawn: "LDEV" in ASCII. */
    private static final long EVENT_LOCK = 0x4C444556L;
    private static final String EVENT_COLUMNS = "id, type, conversation_id, data, to_agents, to_customer";

    private final Jdbc jdbc;
    private final PostgresFeed feed;

    public PostgresEventLog(DataSource dataSource, PostgresFeed.ListenConnections listenConnections,
                            Duration pollInterval) {
        this.jdbc = new Jdbc(dataSource, this::wake);
        this.feed = new PostgresFeed(this, listenConnections, pollInterval, lastEventId());
    }

    /** The connection helper the other PostgreSQL stores share, whose commits wake this log's feed. */
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
     * Draws ids and inserts the events, inside the caller's transaction. Takes the event lock, held until the
     * transaction ends, and queues the wake-up notification, which PostgreSQL sends at commit; the payload is the
     * newest id.
     */
    static List<StoredEvent> insertEvents(Connection connection, List<EventDraft> drafts) throws SQLException {
        if (drafts.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, EVENT_LOCK);
            lock.execute();
        }
        List<StoredEvent> stored = new ArrayList<>(drafts.size());
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO events "
                + "(id, type, conversation_id, data, to_agents, to_customer) "
                + "VALUES (nextval('event_ids'), ?, ?, ?, ?, ?) RETURNING id")) {
            for (EventDraft draft : drafts) {
                insert.setString(1, draft.type());
                insert.setString(2, draft.conversationId());
                insert.setString(3, draft.data());
                insert.setBoolean(4, draft.audience().agentsStream());
                insert.setBoolean(5, draft.audience().conversationStream());
                try (ResultSet id = insert.executeQuery()) {
                    id.next();
                    stored.add(StoredEvent.of(id.getLong(1), draft));
                }
            }
        }
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, PostgresFeed.EVENTS_CHANNEL);
            notify.setString(2, Long.toString(stored.get(stored.size() - 1).id()));
            notify.execute();
        }
        return stored;
    }

    private static StoredEvent event(ResultSet rows) throws SQLException {
        return new StoredEvent(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                Audience.of(rows.getBoolean(5), rows.getBoolean(6)));
    }

    private void wake() {
        feed.wake();
    }

    @Override
    public void close() {
        feed.close();
    }
}
