package dev.livedesk.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livedesk.chat.Attachment;
import dev.livedesk.chat.Change;
import dev.livedesk.chat.Changed;
import dev.livedesk.chat.UnknownConversationException;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationFilter;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.ConversationStore;
import dev.livedesk.chat.CustomerProfile;
import dev.livedesk.chat.Message;
import dev.livedesk.chat.MessageAppend;
import dev.livedesk.chat.MessageEntry;
import dev.livedesk.chat.Milestones;
import dev.livedesk.chat.Note;
import dev.livedesk.chat.NoteEntry;
import dev.livedesk.chat.Rating;
import dev.livedesk.chat.SearchTerms;
import dev.livedesk.chat.Sender;
import dev.livedesk.chat.Suggestion;
import dev.livedesk.chat.Summary;
import dev.livedesk.chat.ViewCounts;
import dev.livedesk.chat.PageRequest;
import dev.livedesk.event.EventDraft;
import dev.livedesk.event.StoredEvent;
import dev.livedesk.store.postgres.PostgresEventLog.EventWrite;
import dev.livedesk.store.postgres.PostgresEventLog.Row;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Conversations and messages in PostgreSQL. Every write is one transaction that first locks the conversation's row
 * ({@code FOR NO KEY UPDATE}), then ends with its events through {@link PostgresEventLog#commitWithEvents}; the unique
 * index on (conversation, clientMessageId) backs idempotent messages across replicas.
 */
public final class PostgresConversationStore implements ConversationStore {

    private static final String CONVERSATION_COLUMNS = "id, customer_id, customer_name, topic, status, assignee_id, "
            + "created_at, updated_at, bot_misses, customer_read_up_to, agent_read_up_to, email, locale, page, "
            + "user_agent, client_address, labels, rating_score, rating_comment, rated_at, follow_up, queued_at, "
            + "first_response_at, first_responder_id, agent_id, resolved_at, last_customer_message_at, "
            + "assistant_resolved_at, inbox_id, customer_identifier, customer_verified";
    /** The columns {@link #bindConversation} sets, in its order; the last is the search vector. */
    private static final String WRITTEN_COLUMNS = CONVERSATION_COLUMNS + ", search";
    private static final String WRITTEN_VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, array_to_tsvector(?::text[])";
    private static final int WRITTEN = 32;
    private static final String NOTE_COLUMNS = "event_id, conversation_id, id, author_id, author_name, text, "
            + "created_at";
    /** How many columns {@link #conversation(ResultSet)} reads. */
    private static final int CONVERSATION_COUNT = 31;
    private static final String MESSAGE_COLUMNS = "event_id, conversation_id, id, sender_role, sender_id, sender_name, "
            + "text, sent_at, client_message_id, attachments, suggestions";

    /** PostgreSQL's SQLSTATE for a unique index violated. */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final TypeReference<List<Attachment.Ref>> REFS = new TypeReference<>() {
    };
    private static final TypeReference<List<Suggestion>> SUGGESTIONS = new TypeReference<>() {
    };

    private final Jdbc jdbc;
    private final PostgresEventLog log;
    private final ObjectMapper json;

    public PostgresConversationStore(PostgresEventLog log, ObjectMapper json) {
        this.jdbc = log.jdbc();
        this.log = log;
        this.json = json;
    }

    @Override
    public List<StoredEvent> createConversation(Conversation conversation, List<EventDraft> created) {
        return jdbc.write(connection -> {
            Row row = new Row("INSERT INTO conversations (" + WRITTEN_COLUMNS + ", created_event_id) VALUES ("
                    + WRITTEN_VALUES + ", " + PostgresEventLog.EVENT_ID + ")",
                    (insert, first) -> bindConversation(insert, first, conversation));
            List<EventDraft> stamped = created.stream().map(draft -> draft.inInbox(conversation.inboxId())).toList();
            List<EventWrite> writes = new ArrayList<>(EventWrite.of(stamped));
            writes.set(0, new EventWrite(stamped.get(0), List.of(row)));
            try {
                return log.commitWithEvents(connection, writes);
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new IllegalStateException("conversation exists: " + conversation.id(), e);
                }
                throw e;
            }
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
            PostgresAttachmentStore.claim(connection, message.conversationId(),
                    message.attachments().stream().map(Attachment.Ref::id).toList(), message.id());
            Conversation after = conversation.after(message);
            if (after != conversation) {
                update(connection, after);
            }
            StoredEvent stored = log.commitWithEvents(connection,
                    List.of(new EventWrite(event.inInbox(conversation.inboxId()), List.of(messageRow(message))))).get(0);
            return new MessageAppend(new MessageEntry(stored.id(), message), stored, after);
        });
    }

    @Override
    public NoteEntry appendNote(Note note, EventDraft event) {
        return jdbc.write(connection -> {
            Conversation conversation = locked(connection, note.conversationId());
            Row row = new Row("INSERT INTO notes (" + NOTE_COLUMNS + ", search) VALUES (" + PostgresEventLog.EVENT_ID
                    + ", ?, ?, ?, ?, ?, ?, array_to_tsvector(?::text[]))", (insert, first) -> {
                        insert.setString(first, note.conversationId());
                        insert.setString(first + 1, note.id());
                        insert.setString(first + 2, note.author().id());
                        insert.setString(first + 3, PgText.encode(note.author().name()));
                        insert.setString(first + 4, PgText.encode(note.text()));
                        insert.setTimestamp(first + 5, Timestamp.from(note.createdAt()));
                        bindTerms(insert.getConnection(), insert, first + 6, note.text());
                        return first + 7;
                    });
            long eventId = log.commitWithEvents(connection, List.of(new EventWrite(event.inInbox(conversation.inboxId()),
                    List.of(row)))).get(0).id();
            return new NoteEntry(eventId, note);
        });
    }

    @Override
    public Changed change(String conversationId, Function<Conversation, Optional<Change>> decide) {
        return jdbc.write(connection -> {
            Conversation before = locked(connection, conversationId);
            Optional<Change> change = decide.apply(before);
            if (change.isEmpty()) {
                return Changed.nothing(before);
            }
            Conversation after = change.get().storedFor(conversationId);
            update(connection, after);
            List<EventWrite> writes = change.get().emits().stream().map(emit -> new EventWrite(emit.event().inInbox(after.inboxId()),
                    emit.message() == null ? List.of() : List.of(messageRow(emit.message())))).toList();
            return Changed.stored(before, after, log.commitWithEvents(connection, writes));
        });
    }

    @Override
    public List<Conversation> conversations(ConversationStatus status, String assigneeId) {
        List<String> conditions = new ArrayList<>();
        List<String> values = new ArrayList<>();
        if (status != null) {
            conditions.add("status = ?");
            values.add(status.name());
        }
        if (assigneeId != null) {
            conditions.add("assignee_id = ?");
            values.add(assigneeId);
        }
        // A condition per given filter rather than "? IS NULL OR ...": a prepared statement's generic plan cannot
        // use conversations_by_status for the latter, and routing reads the queue at every move.
        String sql = "SELECT " + CONVERSATION_COLUMNS + " FROM conversations"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY created_event_id";
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.size(); i++) {
                    select.setString(i + 1, values.get(i));
                }
                return Jdbc.rows(select, PostgresConversationStore::conversation);
            }
        });
    }

    /** In {@link dev.livedesk.chat.QueueOrder}: times are stored to the microsecond, as they are made. */
    @Override
    public List<String> queue() {
        return queuedWithInboxes().stream().map(Queued::id).toList();
    }

    @Override
    public List<Queued> queuedWithInboxes() {
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, inbox_id FROM conversations WHERE status = 'QUEUED' ORDER BY updated_at, id")) {
                return Jdbc.rows(select, rows -> new Queued(rows.getString(1), rows.getString(2)));
            }
        });
    }

    @Override
    public Map<String, Integer> assignedCounts() {
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT assignee_id, count(*)"
                    + " FROM conversations WHERE status = 'ASSIGNED' AND assignee_id IS NOT NULL GROUP BY assignee_id");
                 ResultSet rows = select.executeQuery()) {
                Map<String, Integer> counts = new HashMap<>();
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
                return counts;
            }
        });
    }

    @Override
    public List<Summarized> list(ConversationFilter filter, PageRequest page) {
        List<String> conditions = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (filter.status() != null) {
            conditions.add("c.status = ?");
            values.add(filter.status().name());
        }
        if (filter.openOnly()) {
            conditions.add("c.status <> 'RESOLVED'");
        }
        if (filter.assigneeId() != null) {
            conditions.add("c.assignee_id = ?");
            values.add(filter.assigneeId());
        }
        if (filter.unassigned()) {
            conditions.add("c.assignee_id IS NULL");
        }
        if (filter.label() != null) {
            conditions.add("c.labels @> ARRAY[?::text]");
            values.add(filter.label());
        }
        if (filter.followUp() != null) {
            conditions.add("c.follow_up = ?");
            values.add(filter.followUp());
        }
        if (filter.inboxIds() != null) {
            conditions.add("c.inbox_id = ANY(?)");
            values.add(filter.inboxIds().toArray(String[]::new));
        }
        if (page.after() != null) {
            conditions.add(page.newestFirst() ? "c.created_event_id < ?" : "c.created_event_id > ?");
            values.add(page.after());
        }
        // One condition per given criterion (not "? IS NULL OR ..."), so that the plan can use the indexes; the
        // summary's subqueries run for the page's rows only, after the LIMIT.
        String sql = "SELECT " + prefixed("c.") + ", c.created_event_id"
                + ", (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.sender_role = 'customer'"
                + " AND m.event_id > c.agent_read_up_to)"
                + ", l.sender_role, l.text, l.sent_at"
                + ", (SELECT min(m.sent_at) FROM messages m WHERE m.conversation_id = c.id"
                + " AND m.sender_role = 'customer' AND m.event_id > coalesce((SELECT max(a.event_id) FROM messages a"
                + " WHERE a.conversation_id = c.id AND a.sender_role IN ('agent', 'bot')), 0))"
                + " FROM (SELECT * FROM conversations c"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY c.created_event_id" + (page.newestFirst() ? " DESC" : "") + " LIMIT ?) c"
                + " LEFT JOIN LATERAL (SELECT sender_role, text, sent_at FROM messages m"
                + " WHERE m.conversation_id = c.id AND m.sender_role <> 'system' ORDER BY m.event_id DESC LIMIT 1) l"
                + " ON true"
                + " ORDER BY c.created_event_id" + (page.newestFirst() ? " DESC" : "");
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int at = 1;
                for (Object value : values) {
                    select.setObject(at++, value);
                }
                select.setInt(at, page.limit());
                return Jdbc.rows(select, rows -> {
                    int next = CONVERSATION_COUNT + 1;
                    long position = rows.getLong(next);
                    int unread = rows.getInt(next + 1);
                    String role = rows.getString(next + 2);
                    Summary.LastMessage last = role == null ? null : Summary.preview(new Message(null, null,
                            new Sender(role, null, null), PgText.decode(rows.getString(next + 3)),
                            Jdbc.instant(rows, next + 4), null));
                    Timestamp waiting = rows.getTimestamp(next + 5);
                    return new Summarized(conversation(rows), new Summary(unread, last,
                            waiting == null ? null : waiting.toInstant()), position);
                });
            }
        });
    }

    @Override
    public ViewCounts counts(String agentId, Set<String> inboxIds) {
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT"
                    + " count(*) FILTER (WHERE c.status = 'QUEUED'),"
                    + " count(*) FILTER (WHERE c.status = 'ASSIGNED' AND c.assignee_id = ?),"
                    + " count(*),"
                    + " count(*) FILTER (WHERE c.follow_up = 'email'),"
                    + " coalesce(sum((SELECT count(*) FROM messages m WHERE m.conversation_id = c.id"
                    + " AND m.sender_role = 'customer' AND m.event_id > c.agent_read_up_to))"
                    + " FILTER (WHERE c.status = 'QUEUED' OR (c.status = 'ASSIGNED' AND c.assignee_id = ?)), 0)"
                    + " FROM conversations c WHERE c.status <> 'RESOLVED'"
                    + (inboxIds == null ? "" : " AND c.inbox_id = ANY(?)"))) {
                select.setString(1, agentId);
                select.setString(2, agentId);
                if (inboxIds != null) {
                    select.setArray(3, connection.createArrayOf("text", inboxIds.toArray()));
                }
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return new ViewCounts(rows.getInt(1), rows.getInt(2), rows.getInt(3), rows.getInt(4),
                            rows.getInt(5));
                }
            }
        });
    }

    @Override
    public List<Found> search(List<String> terms, Set<String> inboxIds, int limit) {
        if (terms.isEmpty()) {
            return List.of();
        }
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + prefixed("c.")
                    + ", (SELECT t.text FROM (SELECT m.event_id, m.text FROM messages m"
                    + " WHERE m.conversation_id = c.id AND m.search @@ ?::tsquery UNION ALL SELECT n.event_id, n.text"
                    + " FROM notes n WHERE n.conversation_id = c.id AND n.search @@ ?::tsquery) t"
                    + " ORDER BY t.event_id DESC LIMIT 1)"
                    + " FROM conversations c WHERE (c.search @@ ?::tsquery"
                    + " OR c.id IN (SELECT m.conversation_id FROM messages m WHERE m.search @@ ?::tsquery)"
                    + " OR c.id IN (SELECT n.conversation_id FROM notes n WHERE n.search @@ ?::tsquery))"
                    + (inboxIds == null ? "" : " AND c.inbox_id = ANY(?)")
                    + " ORDER BY c.created_event_id DESC LIMIT ?")) {
                String query = tsquery(terms);
                for (int at = 1; at <= 5; at++) {
                    select.setString(at, query);
                }
                int next = 6;
                if (inboxIds != null) {
                    select.setArray(next++, connection.createArrayOf("text", inboxIds.toArray()));
                }
                select.setInt(next, limit);
                return Jdbc.rows(select, rows -> new Found(conversation(rows),
                        PgText.decode(rows.getString(CONVERSATION_COUNT + 1))));
            }
        });
    }

    @Override
    public List<Conversation> ofCustomer(String customerId, String email) {
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + CONVERSATION_COLUMNS
                    + " FROM conversations WHERE customer_id = ? OR (?::text IS NOT NULL AND lower(email) = lower(?))"
                    + " ORDER BY created_event_id DESC")) {
                select.setString(1, customerId);
                select.setString(2, email);
                select.setString(3, email);
                return Jdbc.rows(select, PostgresConversationStore::conversation);
            }
        });
    }

    @Override
    public List<NoteEntry> notes(String conversationId, long afterEventId, int limit) {
        return page("SELECT " + NOTE_COLUMNS + " FROM notes", conversationId, afterEventId, limit,
                rows -> new NoteEntry(rows.getLong(1), new Note(rows.getString(3), rows.getString(2),
                        new Note.Author(rows.getString(4), PgText.decode(rows.getString(5))),
                        PgText.decode(rows.getString(6)), Jdbc.instant(rows, 7))));
    }

    @Override
    public List<MessageEntry> messages(String conversationId, long afterEventId, int limit) {
        return page("SELECT " + MESSAGE_COLUMNS + " FROM messages", conversationId, afterEventId, limit,
                this::message);
    }

    /** A page of a conversation's rows (messages or notes) after an event id, oldest first. */
    private <T> List<T> page(String select, String conversationId, long afterEventId, int limit, Jdbc.Row<T> row) {
        return jdbc.read(connection -> {
            if (missing(connection, List.of(conversationId))) {
                throw new UnknownConversationException(conversationId);
            }
            try (PreparedStatement query = connection.prepareStatement(select
                    + " WHERE conversation_id = ? AND event_id > ? ORDER BY event_id LIMIT ?")) {
                query.setString(1, conversationId);
                query.setLong(2, afterEventId);
                query.setInt(3, limit);
                return Jdbc.rows(query, row);
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

    /** The query terms as a tsquery: every term, each as a prefix. Terms hold only letters and digits. */
    private static String tsquery(List<String> terms) {
        return terms.stream().map(term -> "'" + term + "':*").collect(Collectors.joining(" & "));
    }

    /** Binds the terms a text is found by, as the text[] that array_to_tsvector turns into a tsvector. */
    private static void bindTerms(Connection connection, PreparedStatement statement, int index, String text)
            throws SQLException {
        statement.setArray(index, connection.createArrayOf("text", SearchTerms.of(text).toArray()));
    }

    private static String prefixed(String alias) {
        return Arrays.stream(CONVERSATION_COLUMNS.split(", ")).map(column -> alias + column)
                .collect(Collectors.joining(", "));
    }

    /** The message's row, which carries its event's id. */
    private Row messageRow(Message message) {
        return new Row("INSERT INTO messages (" + MESSAGE_COLUMNS + ", search) VALUES (" + PostgresEventLog.EVENT_ID
                + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, array_to_tsvector(?::text[]))", (insert, first) -> {
                    insert.setString(first, message.conversationId());
                    insert.setString(first + 1, message.id());
                    insert.setString(first + 2, message.sender().role());
                    insert.setString(first + 3, message.sender().id());
                    insert.setString(first + 4, PgText.encode(message.sender().name()));
                    insert.setString(first + 5, PgText.encode(message.text()));
                    insert.setTimestamp(first + 6, Timestamp.from(message.sentAt()));
                    insert.setString(first + 7, message.clientMessageId());
                    insert.setString(first + 8, message.attachments().isEmpty() ? null : encode(message.attachments()));
                    insert.setString(first + 9, message.suggestions().isEmpty() ? null
                            : PgText.encode(encode(message.suggestions())));
                    bindTerms(insert.getConnection(), insert, first + 10, message.text());
                    return first + 11;
                });
    }

    private static void update(Connection connection, Conversation next) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE conversations SET ("
                + WRITTEN_COLUMNS + ") = (" + WRITTEN_VALUES + ") WHERE id = ?")) {
            update.setString(bindConversation(update, 1, next), next.id());
            update.executeUpdate();
        }
    }

    /** Reads the conversation and locks its row for the rest of the transaction. */
    private static Conversation locked(Connection connection, String conversationId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + CONVERSATION_COLUMNS + " FROM conversations WHERE id = ? FOR NO KEY UPDATE")) {
            select.setString(1, conversationId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new UnknownConversationException(conversationId);
                }
                return conversation(rows);
            }
        }
    }

    /** Binds the {@link #WRITTEN} columns from {@code first} on; returns the index after them. */
    private static int bindConversation(PreparedStatement statement, int first, Conversation conversation)
            throws SQLException {
        CustomerProfile profile = conversation.profile();
        statement.setString(first, conversation.id());
        statement.setString(first + 1, conversation.customerId());
        statement.setString(first + 2, PgText.encode(conversation.customerName()));
        statement.setString(first + 3, PgText.encode(conversation.topic()));
        statement.setString(first + 4, conversation.status().name());
        statement.setString(first + 5, conversation.assigneeId());
        statement.setTimestamp(first + 6, Timestamp.from(conversation.createdAt()));
        statement.setTimestamp(first + 7, Timestamp.from(conversation.updatedAt()));
        statement.setInt(first + 8, conversation.botMisses());
        statement.setLong(first + 9, conversation.customerReadUpTo());
        statement.setLong(first + 10, conversation.agentReadUpTo());
        statement.setString(first + 11, profile.email());
        statement.setString(first + 12, profile.locale());
        statement.setString(first + 13, PgText.encode(profile.page()));
        statement.setString(first + 14, PgText.encode(profile.userAgent()));
        statement.setString(first + 15, profile.address());
        Connection connection = statement.getConnection();
        statement.setArray(first + 16, connection.createArrayOf("text", conversation.labels().toArray()));
        Rating rating = conversation.rating();
        statement.setObject(first + 17, rating == null ? null : rating.score(), Types.INTEGER);
        statement.setString(first + 18, rating == null ? null : PgText.encode(rating.comment()));
        statement.setTimestamp(first + 19, rating == null ? null : Timestamp.from(rating.ratedAt()));
        statement.setString(first + 20, profile.followUp());
        Milestones milestones = conversation.milestones();
        statement.setTimestamp(first + 21, timestamp(milestones.queuedAt()));
        statement.setTimestamp(first + 22, timestamp(milestones.firstResponseAt()));
        statement.setString(first + 23, milestones.firstResponderId());
        statement.setString(first + 24, milestones.agentId());
        statement.setTimestamp(first + 25, timestamp(milestones.resolvedAt()));
        statement.setTimestamp(first + 26, timestamp(milestones.lastCustomerMessageAt()));
        statement.setTimestamp(first + 27, timestamp(milestones.assistantResolvedAt()));
        statement.setString(first + 28, conversation.inboxId());
        statement.setString(first + 29, PgText.encode(profile.identifier()));
        statement.setBoolean(first + 30, profile.verified());
        bindTerms(connection, statement, first + 31, SearchTerms.profileText(conversation));
        return first + WRITTEN;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Conversation conversation(ResultSet rows) throws SQLException {
        CustomerProfile profile = new CustomerProfile(rows.getString(12), rows.getString(13),
                PgText.decode(rows.getString(14)), PgText.decode(rows.getString(15)), rows.getString(16),
                rows.getString(21), PgText.decode(rows.getString(30)), rows.getBoolean(31));
        return new Conversation(rows.getString(1), rows.getString(2), PgText.decode(rows.getString(3)),
                PgText.decode(rows.getString(4)), ConversationStatus.valueOf(rows.getString(5)), rows.getString(6),
                Jdbc.instant(rows, 7), Jdbc.instant(rows, 8), rows.getInt(9), rows.getLong(10), rows.getLong(11),
                profile, List.of((String[]) rows.getArray(17).getArray()), rating(rows),
                new Milestones(Jdbc.instant(rows, 22), Jdbc.instant(rows, 23), rows.getString(24), rows.getString(25),
                        Jdbc.instant(rows, 26), Jdbc.instant(rows, 27), Jdbc.instant(rows, 28)),
                rows.getString(29));
    }

    private static Rating rating(ResultSet rows) throws SQLException {
        int score = rows.getInt(18);
        return rows.wasNull() ? null
                : new Rating(score, PgText.decode(rows.getString(19)), Jdbc.instant(rows, 20));
    }

    private MessageEntry message(ResultSet rows) throws SQLException {
        String attachments = rows.getString(10);
        String suggestions = PgText.decode(rows.getString(11));
        Message message = new Message(rows.getString(3), rows.getString(2),
                new Sender(rows.getString(4), rows.getString(5), PgText.decode(rows.getString(6))),
                PgText.decode(rows.getString(7)), Jdbc.instant(rows, 8), rows.getString(9),
                attachments == null ? List.of() : decode(attachments, REFS),
                suggestions == null ? List.of() : decode(suggestions, SUGGESTIONS));
        return new MessageEntry(rows.getLong(1), message);
    }

    /** Writes a message's list column as JSON; a failure here is a bug, not bad input. */
    private String encode(List<?> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a message's list", e);
        }
    }

    private <T> List<T> decode(String values, TypeReference<List<T>> type) {
        try {
            return json.readValue(values, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot decode a stored message's list", e);
        }
    }
}
