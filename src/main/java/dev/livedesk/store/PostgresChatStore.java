package dev.livedesk.store;

import dev.livedesk.Threads;
import dev.livedesk.agent.AgentPresence;
import dev.livedesk.agent.AgentStatus;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.Message;
import dev.livedesk.chat.MessageEntry;
import dev.livedesk.chat.Sender;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The store that replicas share: PostgreSQL, through the JDBC pool, called only from worker threads.
 *
 * <p>Every write is one transaction. One that changes a conversation or an agent first locks its row; one that
 * stores events then takes a transaction-level advisory lock and only then draws ids from the sequence, so ids are
 * drawn and committed in the same order and readers never see a hole that fills later. Locks are always taken in
 * that order (row, then events), so writers cannot deadlock. Each commit sends a NOTIFY that wakes every replica's
 * {@link PostgresFeed}.
 */
public class PostgresChatStore implements ChatStore, AutoCloseable {

    /** The advisory lock key (int8) under which event ids are drawn: "LDEV" in ASCII. */
    private static final long EVENT_LOCK = 0x4C444556L;
    /** The first key of the two-key advisory locks behind {@link #exclusively}. */
    private static final int SECTION_LOCKS = 0x4C44;
    private static final Logger LOG = Logger.getLogger(PostgresChatStore.class);
    private static final String CONVERSATION_COLUMNS = "id, customer_id, customer_name, topic, status, assignee_id, "
            + "created_at, updated_at, bot_misses, customer_read_up_to, agent_read_up_to";
    private static final String MESSAGE_COLUMNS = "event_id, conversation_id, id, sender_role, sender_id, sender_name, "
            + "text, sent_at, client_message_id";
    /** Live connections of an agent: those on replicas whose lease has not run out. */
    private static final String LIVE_CONNECTIONS = "SELECT coalesce(sum(connections), 0) FROM agent_connections "
            + "WHERE agent_id = ? AND seen_at > now() - make_interval(secs => ?)";

    private final DataSource dataSource;
    private final PostgresFeed feed;
    private final String replicaId = UUID.randomUUID().toString();
    private final double leaseSeconds;
    private final ScheduledExecutorService heartbeat = Threads.scheduler("livedesk-pg-heartbeat");

    /** Work on one connection. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public PostgresChatStore(DataSource dataSource, PostgresFeed.ListenConnections listenConnections,
                             Duration pollInterval, Duration replicaLease) {
        this.dataSource = dataSource;
        this.leaseSeconds = replicaLease.toMillis() / 1000.0;
        this.feed = new PostgresFeed(dataSource, listenConnections, pollInterval, lastEventId());
        long beat = Math.max(1, replicaLease.toMillis() / 3);
        heartbeat.scheduleAtFixedRate(this::renewLease, beat, beat, TimeUnit.MILLISECONDS);
    }

    @Override
    public String kind() {
        return "postgres";
    }

    /** The feed that also carries this replica's ephemeral notifications. */
    PostgresFeed feed() {
        return feed;
    }

    /** This process' name among the replicas. */
    public String replicaId() {
        return replicaId;
    }

    @Override
    public StoredEvent createConversation(Conversation conversation, EventDraft created) {
        return write(connection -> {
            StoredEvent event = insertEvents(connection, List.of(created)).get(0);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO conversations ("
                    + CONVERSATION_COLUMNS + ", created_event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (id) DO NOTHING")) {
                bindConversation(insert, conversation);
                insert.setLong(12, event.id());
                if (insert.executeUpdate() == 0) {
                    throw new IllegalStateException("conversation exists: " + conversation.id());
                }
            }
            return event;
        });
    }

    @Override
    public Optional<Conversation> conversation(String id) {
        return read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + CONVERSATION_COLUMNS + " FROM conversations WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(conversation(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public MessageAppend appendMessage(Message message, EventDraft event) {
        return write(connection -> {
            Conversation conversation = locked(connection, message.conversationId());
            if (message.clientMessageId() != null) {
                try (PreparedStatement select = connection.prepareStatement("SELECT " + MESSAGE_COLUMNS
                        + " FROM messages WHERE conversation_id = ? AND client_message_id = ?")) {
                    select.setString(1, message.conversationId());
                    select.setString(2, message.clientMessageId());
                    try (ResultSet rows = select.executeQuery()) {
                        if (rows.next()) {
                            return new MessageAppend(message(rows), null, conversation);
                        }
                    }
                }
            }
            StoredEvent stored = insertEvents(connection, List.of(event)).get(0);
            insertMessage(connection, stored.id(), message);
            return new MessageAppend(new MessageEntry(stored.id(), message), stored, conversation);
        });
    }

    @Override
    public List<StoredEvent> change(String conversationId, Function<Conversation, Optional<Change>> decide) {
        return write(connection -> {
            Optional<Change> change = decide.apply(locked(connection, conversationId));
            if (change.isEmpty()) {
                return List.of();
            }
            Conversation next = change.get().conversation();
            if (!next.id().equals(conversationId)) {
                throw new IllegalArgumentException("a change must keep the conversation's id");
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE conversations SET id = ?, "
                    + "customer_id = ?, customer_name = ?, topic = ?, status = ?, assignee_id = ?, created_at = ?, "
                    + "updated_at = ?, bot_misses = ?, customer_read_up_to = ?, agent_read_up_to = ? WHERE id = ?")) {
                bindConversation(update, next);
                update.setString(12, conversationId);
                update.executeUpdate();
            }
            List<EventDraft> drafts = change.get().emits().stream().map(Change.Emit::event).toList();
            List<StoredEvent> stored = insertEvents(connection, drafts);
            for (int i = 0; i < stored.size(); i++) {
                Message message = change.get().emits().get(i).message();
                if (message != null) {
                    insertMessage(connection, stored.get(i).id(), message);
                }
            }
            return stored;
        });
    }

    @Override
    public List<Conversation> conversations(ConversationStatus status, String assigneeId) {
        return read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + CONVERSATION_COLUMNS
                    + " FROM conversations WHERE (?::text IS NULL OR status = ?) AND (?::text IS NULL OR assignee_id = ?)"
                    + " ORDER BY created_event_id")) {
                String statusName = status == null ? null : status.name();
                select.setString(1, statusName);
                select.setString(2, statusName);
                select.setString(3, assigneeId);
                select.setString(4, assigneeId);
                return rows(select, PostgresChatStore::conversation);
            }
        });
    }

    @Override
    public StoredEvent appendGlobal(EventDraft event) {
        if (event.conversationId() != null) {
            throw new IllegalArgumentException("a global event belongs to no conversation");
        }
        return write(connection -> insertEvents(connection, List.of(event)).get(0));
    }

    @Override
    public List<MessageEntry> messages(String conversationId, long afterEventId, int limit) {
        return read(connection -> {
            if (!exists(connection, conversationId)) {
                throw new IllegalArgumentException("unknown conversation: " + conversationId);
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT " + MESSAGE_COLUMNS
                    + " FROM messages WHERE conversation_id = ? AND event_id > ? ORDER BY event_id LIMIT ?")) {
                select.setString(1, conversationId);
                select.setLong(2, afterEventId);
                select.setInt(3, limit);
                return rows(select, PostgresChatStore::message);
            }
        });
    }

    @Override
    public long lastEventId(String conversationId) {
        return read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT coalesce(max(id), 0) FROM events WHERE conversation_id = ?")) {
                select.setString(1, conversationId);
                return single(select);
            }
        });
    }

    @Override
    public long lastEventId() {
        return read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT coalesce(max(id), 0) FROM events")) {
                return single(select);
            }
        });
    }

    /** Everything is retained, so a replay is cut only by {@code max}. */
    @Override
    public Replay replay(StreamKey stream, long afterId, long upToId, int max) {
        if (stream.kind() == StreamKey.Kind.STATUS) {
            return new Replay(List.of(), false);
        }
        return read(connection -> {
            String which = stream.isAgents() ? "to_agents" : "conversation_id = ?";
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, type, conversation_id, data, to_agents FROM events WHERE " + which
                            + " AND id > ? AND id <= ? ORDER BY id DESC LIMIT ?")) {
                int i = 1;
                if (!stream.isAgents()) {
                    select.setString(i++, stream.conversationId());
                }
                select.setLong(i++, afterId);
                select.setLong(i++, upToId);
                select.setInt(i, max + 1);
                List<StoredEvent> newestFirst = rows(select, PostgresChatStore::event);
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

    @Override
    public AgentPresence agent(String agentId) {
        return read(connection -> presence(connection, agentId, false));
    }

    @Override
    public List<AgentPresence> agents() {
        return read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT a.agent_id, a.status, "
                    + "a.restore_status, coalesce((SELECT sum(c.connections) FROM agent_connections c "
                    + "WHERE c.agent_id = a.agent_id AND c.seen_at > now() - make_interval(secs => ?)), 0) "
                    + "FROM agents a ORDER BY a.agent_id")) {
                select.setDouble(1, leaseSeconds);
                return rows(select, rows -> new AgentPresence(rows.getString(1),
                        AgentStatus.valueOf(rows.getString(2)), status(rows.getString(3)), rows.getInt(4)));
            }
        });
    }

    @Override
    public List<StoredEvent> changeAgent(String agentId, Function<AgentPresence, Optional<AgentChange>> decide) {
        return write(connection -> {
            Optional<AgentChange> change = decide.apply(presence(connection, agentId, true));
            if (change.isEmpty()) {
                return List.of();
            }
            AgentPresence next = change.get().presence();
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE agents SET status = ?, restore_status = ?, updated_at = now() WHERE agent_id = ?")) {
                update.setString(1, next.status().name());
                update.setString(2, next.restoreStatus() == null ? null : next.restoreStatus().name());
                update.setString(3, agentId);
                update.executeUpdate();
            }
            return insertEvents(connection, change.get().events());
        });
    }

    @Override
    public void recordConnections(String agentId, int onThisReplica) {
        write(connection -> {
            presence(connection, agentId, true);
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO agent_connections "
                    + "(replica_id, agent_id, connections, changed_at, seen_at) VALUES (?, ?, ?, now(), now()) "
                    + "ON CONFLICT (replica_id, agent_id) DO UPDATE SET connections = excluded.connections, "
                    + "changed_at = now(), seen_at = now()")) {
                upsert.setString(1, replicaId);
                upsert.setString(2, agentId);
                upsert.setInt(3, onThisReplica);
                upsert.executeUpdate();
            }
            return null;
        });
    }

    /**
     * An agent is idle since the latest moment any replica vouched for one of its connections: the last change of
     * a count that fell to zero, or the last lease renewal of a replica that holds some.
     */
    @Override
    public List<String> agentsIdleFor(Duration grace) {
        return read(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM agent_connections WHERE seen_at < now() - make_interval(secs => ?)")) {
                delete.setDouble(1, Math.max(3600, leaseSeconds * 10));
                delete.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT a.agent_id FROM agents a "
                    + "JOIN agent_connections c ON c.agent_id = a.agent_id WHERE a.status <> 'OFFLINE' "
                    + "GROUP BY a.agent_id HAVING max(CASE WHEN c.connections > 0 THEN c.seen_at ELSE c.changed_at END)"
                    + " < now() - make_interval(secs => ?)")) {
                select.setDouble(1, grace.toMillis() / 1000.0);
                return rows(select, rows -> rows.getString(1));
            }
        });
    }

    /**
     * A session-level advisory lock on a connection held for the work. It uses the two-key form, whose locks never
     * conflict with the one-key event lock: the work itself writes events on other connections.
     */
    @Override
    public void exclusively(String name, Runnable work) {
        read(connection -> {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
                lock.setInt(1, SECTION_LOCKS);
                lock.setInt(2, name.hashCode());
                lock.execute();
            }
            try {
                work.run();
            } finally {
                try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                    unlock.setInt(1, SECTION_LOCKS);
                    unlock.setInt(2, name.hashCode());
                    unlock.execute();
                }
            }
            return null;
        });
    }

    /** Sends a notification on a channel, outside any transaction. */
    void notify(String channel, String payload) {
        read(connection -> {
            try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                notify.setString(1, channel);
                notify.setString(2, payload);
                notify.execute();
            }
            return null;
        });
    }

    private void renewLease() {
        updateThisReplica("seen_at = now()", "renew this replica's lease");
    }

    /** Updates this replica's rows of agent_connections; a failure is only logged (the lease covers it). */
    private void updateThisReplica(String assignments, String purpose) {
        try {
            read(connection -> {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE agent_connections SET " + assignments + " WHERE replica_id = ?")) {
                    update.setString(1, replicaId);
                    update.executeUpdate();
                }
                return null;
            });
        } catch (StoreUnavailableException e) {
            LOG.debugf("Could not %s: %s", purpose, e.getMessage());
        }
    }

    /**
     * Draws ids and inserts the events. Takes the event lock, held until the transaction ends, and queues the
     * wake-up notification, which PostgreSQL sends at commit; the payload is the newest id.
     */
    private static List<StoredEvent> insertEvents(Connection connection, List<EventDraft> drafts) throws SQLException {
        if (drafts.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, EVENT_LOCK);
            lock.execute();
        }
        List<StoredEvent> stored = new ArrayList<>(drafts.size());
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO events "
                + "(id, type, conversation_id, data, to_agents) VALUES (nextval('event_ids'), ?, ?, ?, ?) RETURNING id")) {
            for (EventDraft draft : drafts) {
                insert.setString(1, draft.type());
                insert.setString(2, draft.conversationId());
                insert.setString(3, draft.data());
                insert.setBoolean(4, draft.toAgents());
                try (ResultSet id = insert.executeQuery()) {
                    id.next();
                    stored.add(new StoredEvent(id.getLong(1), draft.type(), draft.conversationId(), draft.data(),
                            draft.toAgents()));
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

    private static void insertMessage(Connection connection, long eventId, Message message) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO messages (" + MESSAGE_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, eventId);
            insert.setString(2, message.conversationId());
            insert.setString(3, message.id());
            insert.setString(4, message.sender().role());
            insert.setString(5, message.sender().id());
            insert.setString(6, message.sender().name());
            insert.setString(7, message.text());
            insert.setTimestamp(8, Timestamp.from(message.sentAt()));
            insert.setString(9, message.clientMessageId());
            insert.executeUpdate();
        }
    }

    /** Reads the conversation and locks its row for the rest of the transaction. */
    private static Conversation locked(Connection connection, String conversationId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + CONVERSATION_COLUMNS + " FROM conversations WHERE id = ? FOR NO KEY UPDATE")) {
            select.setString(1, conversationId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalArgumentException("unknown conversation: " + conversationId);
                }
                return conversation(rows);
            }
        }
    }

    private static boolean exists(Connection connection, String conversationId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM conversations WHERE id = ?")) {
            select.setString(1, conversationId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** The agent's presence; with {@code lock}, creates its row if needed and locks it for the transaction. */
    private AgentPresence presence(Connection connection, String agentId, boolean lock) throws SQLException {
        if (lock) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO agents (agent_id, status) VALUES (?, 'OFFLINE') ON CONFLICT (agent_id) DO NOTHING")) {
                insert.setString(1, agentId);
                insert.executeUpdate();
            }
        }
        AgentStatus status = AgentStatus.OFFLINE;
        AgentStatus restore = null;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT status, restore_status FROM agents WHERE agent_id = ?" + (lock ? " FOR UPDATE" : ""))) {
            select.setString(1, agentId);
            try (ResultSet rows = select.executeQuery()) {
                if (rows.next()) {
                    status = AgentStatus.valueOf(rows.getString(1));
                    restore = status(rows.getString(2));
                }
            }
        }
        int connections;
        try (PreparedStatement select = connection.prepareStatement(LIVE_CONNECTIONS)) {
            select.setString(1, agentId);
            select.setDouble(2, leaseSeconds);
            connections = (int) single(select);
        }
        return new AgentPresence(agentId, status, restore, connections);
    }

    private static AgentStatus status(String name) {
        return name == null ? null : AgentStatus.valueOf(name);
    }

    /** Maps one row; may throw what JDBC throws. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rows) throws SQLException;
    }

    /** Runs the query and maps every row, in order. */
    static <T> List<T> rows(PreparedStatement select, Row<T> row) throws SQLException {
        List<T> found = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                found.add(row.map(rows));
            }
        }
        return found;
    }

    private static long single(PreparedStatement select) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void bindConversation(PreparedStatement statement, Conversation conversation) throws SQLException {
        statement.setString(1, conversation.id());
        statement.setString(2, conversation.customerId());
        statement.setString(3, conversation.customerName());
        statement.setString(4, conversation.topic());
        statement.setString(5, conversation.status().name());
        statement.setString(6, conversation.assigneeId());
        statement.setTimestamp(7, Timestamp.from(conversation.createdAt()));
        statement.setTimestamp(8, Timestamp.from(conversation.updatedAt()));
        statement.setInt(9, conversation.botMisses());
        statement.setLong(10, conversation.customerReadUpTo());
        statement.setLong(11, conversation.agentReadUpTo());
    }

    private static Conversation conversation(ResultSet rows) throws SQLException {
        return new Conversation(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                ConversationStatus.valueOf(rows.getString(5)), rows.getString(6), instant(rows, 7), instant(rows, 8),
                rows.getInt(9), rows.getLong(10), rows.getLong(11));
    }

    private static MessageEntry message(ResultSet rows) throws SQLException {
        Message message = new Message(rows.getString(3), rows.getString(2),
                new Sender(rows.getString(4), rows.getString(5), rows.getString(6)), rows.getString(7),
                instant(rows, 8), rows.getString(9));
        return new MessageEntry(rows.getLong(1), message);
    }

    static StoredEvent event(ResultSet rows) throws SQLException {
        return new StoredEvent(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                rows.getBoolean(5));
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        return rows.getTimestamp(column).toInstant();
    }

    /** Runs the work in one transaction (the pool restores auto-commit when the connection goes back). */
    private <T> T write(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                feed.wake();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /** Runs the work with auto-commit. */
    private <T> T read(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback failed; the pool discards the connection", e);
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        feed.close();
        updateThisReplica("connections = 0, changed_at = now()", "clear this replica's connections");
    }
}
