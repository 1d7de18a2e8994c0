package dev.livedesk.store.postgres;

import dev.livedesk.chat.Change;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.ConversationStore;
import dev.livedesk.chat.Message;
import dev.livedesk.chat.MessageAppend;
import dev.livedesk.chat.MessageEntry;
import dev.livedesk.chat.Sender;
import dev.livedesk.event.EventDraft;
import dev.livedesk.event.StoredEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Conversations and messages in PostgreSQL. Every write is one transaction that first locks the conversation's row
 * ({@code FOR NO KEY UPDATE}), then stores its events through {@link PostgresEventLog#insertEvents}; the unique
 * index on (conversation, clientMessageId) backs idempotent messages across replicas.
 */
public final class PostgresConversationStore implements ConversationStore {

    private static final String CONVERSATION_COLUMNS = "id, customer_id, customer_name, topic, status, assignee_id, "
            + "created_at, updated_at, bot_misses, customer_read_up_to, agent_read_up_to";
    private static final String MESSAGE_COLUMNS = "event_id, conversation_id, id, sender_role, sender_id, sender_name, "
            + "text, sent_at, client_message_id";

    private final Jdbc jdbc;
    private final PostgresEventLog log;

    public PostgresConversationStore(PostgresEventLog log) {
        this.jdbc = log.jdbc();
        this.log = log;
    }

    @Override
    public StoredEvent createConversation(Conversation conversation, EventDraft created) {
        return jdbc.write(connection -> {
            StoredEvent event = PostgresEventLog.insertEvents(connection, List.of(created)).get(0);
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
        return jdbc.read(connection -> {
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
        return jdbc.write(connection -> {
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
            StoredEvent stored = PostgresEventLog.insertEvents(connection, List.of(event)).get(0);
            insertMessage(connection, stored.id(), message);
            return new MessageAppend(new MessageEntry(stored.id(), message), stored, conversation);
        });
    }

    @Override
    public List<StoredEvent> change(String conversationId, Function<Conversation, Optional<Change>> decide) {
        return jdbc.write(connection -> {
            Optional<Change> change = decide.apply(locked(connection, conversationId));
            if (change.isEmpty()) {
                return List.of();
            }
            Conversation next = change.get().conversationFor(conversationId);
            try (PreparedStatement update = connection.prepareStatement("UPDATE conversations SET id = ?, "
                    + "customer_id = ?, customer_name = ?, topic = ?, status = ?, assignee_id = ?, created_at = ?, "
                    + "updated_at = ?, bot_misses = ?, customer_read_up_to = ?, agent_read_up_to = ? WHERE id = ?")) {
                bindConversation(update, next);
                update.setString(12, conversationId);
                update.executeUpdate();
            }
            List<EventDraft> drafts = change.get().emits().stream().map(Change.Emit::event).toList();
            List<StoredEvent> stored = PostgresEventLog.insertEvents(connection, drafts);
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
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + CONVERSATION_COLUMNS
                    + " FROM conversations WHERE (?::text IS NULL OR status = ?)"
                    + " AND (?::text IS NULL OR assignee_id = ?)"
                    + " ORDER BY created_event_id")) {
                String statusName = status == null ? null : status.name();
                select.setString(1, statusName);
                select.setString(2, statusName);
                select.setString(3, assigneeId);
                select.setString(4, assigneeId);
                return Jdbc.rows(select, PostgresConversationStore::conversation);
            }
        });
    }

    @Override
    public List<MessageEntry> messages(String conversationId, long afterEventId, int limit) {
        return jdbc.read(connection -> {
            if (missing(connection, List.of(conversationId))) {
                throw new IllegalArgumentException("unknown conversation: " + conversationId);
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT " + MESSAGE_COLUMNS
                    + " FROM messages WHERE conversation_id = ? AND event_id > ? ORDER BY event_id LIMIT ?")) {
                select.setString(1, conversationId);
                select.setLong(2, afterEventId);
                select.setInt(3, limit);
                return Jdbc.rows(select, PostgresConversationStore::message);
            }
        });
    }

    @Override
    public long lastEventId(String conversationId) {
        return log.lastEventId(conversationId);
    }

    /** Whether any of the conversations does not exist. */
    static boolean missing(Connection connection, List<String> conversationIds) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT count(*) FROM conversations WHERE id = ANY(?)")) {
            select.setArray(1, connection.createArrayOf("text", conversationIds.toArray()));
            return Jdbc.single(select) < conversationIds.stream().distinct().count();
        }
    }

    private static void insertMessage(Connection connection, long eventId, Message message) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO messages (" + MESSAGE_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, eventId);
            insert.setString(2, message.conversationId());
            insert.setString(3, message.id());
            insert.setString(4, message.sender().role());
            insert.setString(5, message.sender().id());
            insert.setString(6, PgText.encode(message.sender().name()));
            insert.setString(7, PgText.encode(message.text()));
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

    private static void bindConversation(PreparedStatement statement, Conversation conversation) throws SQLException {
        statement.setString(1, conversation.id());
        statement.setString(2, conversation.customerId());
        statement.setString(3, PgText.encode(conversation.customerName()));
        statement.setString(4, PgText.encode(conversation.topic()));
        statement.setString(5, conversation.status().name());
        statement.setString(6, conversation.assigneeId());
        statement.setTimestamp(7, Timestamp.from(conversation.createdAt()));
        statement.setTimestamp(8, Timestamp.from(conversation.updatedAt()));
        statement.setInt(9, conversation.botMisses());
        statement.setLong(10, conversation.customerReadUpTo());
        statement.setLong(11, conversation.agentReadUpTo());
    }

    private static Conversation conversation(ResultSet rows) throws SQLException {
        return new Conversation(rows.getString(1), rows.getString(2), PgText.decode(rows.getString(3)),
                PgText.decode(rows.getString(4)),
                ConversationStatus.valueOf(rows.getString(5)), rows.getString(6), Jdbc.instant(rows, 7),
                Jdbc.instant(rows, 8), rows.getInt(9), rows.getLong(10), rows.getLong(11));
    }

    private static MessageEntry message(ResultSet rows) throws SQLException {
        Message message = new Message(rows.getString(3), rows.getString(2),
                new Sender(rows.getString(4), rows.getString(5), PgText.decode(rows.getString(6))),
                PgText.decode(rows.getString(7)),
                Jdbc.instant(rows, 8), rows.getString(9));
        return new MessageEntry(rows.getLong(1), message);
    }
}
