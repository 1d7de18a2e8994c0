package dev.livedesk.store.postgres;

import dev.livedesk.chat.Attachment;
import dev.livedesk.chat.AttachmentStore;
import dev.livedesk.error.DeskException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Attachments in PostgreSQL ({@code bytea}), so every replica serves every file. */
public final class PostgresAttachmentStore implements AttachmentStore {

    private static final String COLUMNS = "id, conversation_id, name, content_type, size, created_at, message_id";

    private final Jdbc jdbc;

    public PostgresAttachmentStore(PostgresEventLog log) {
        this.jdbc = log.jdbc();
    }

    @Override
    public void save(Attachment attachment, byte[] content) {
        jdbc.write(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO attachments (" + COLUMNS
                    + ", content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, attachment.id());
                insert.setString(2, attachment.conversationId());
                insert.setString(3, PgText.encode(attachment.name()));
                insert.setString(4, attachment.contentType());
                insert.setLong(5, attachment.size());
                insert.setTimestamp(6, Timestamp.from(attachment.createdAt()));
                insert.setString(7, attachment.messageId());
                insert.setBytes(8, content);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Attachment> find(String id) {
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM attachments WHERE id = ?")) {
                select.setString(1, id);
                List<Attachment> found = Jdbc.rows(select, PostgresAttachmentStore::attachment);
                return found.stream().findFirst();
            }
        });
    }

    @Override
    public Optional<byte[]> content(String id) {
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT content FROM attachments WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public int deleteUnusedBefore(Instant cutoff) {
        return jdbc.read(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM attachments WHERE message_id IS NULL AND created_at < ?")) {
                delete.setTimestamp(1, Timestamp.from(cutoff));
                return delete.executeUpdate();
            }
        });
    }

    /**
     * Marks the attachments as carried by the message, inside the caller's transaction, which must have locked the
     * conversation's row.
     *
     * @throws DeskException INVALID unless every one exists, belongs to the conversation and is unused
     */
    static void claim(Connection connection, String conversationId, List<String> ids, String messageId)
            throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE attachments SET message_id = ? "
                + "WHERE id = ANY(?) AND conversation_id = ? AND message_id IS NULL")) {
            update.setString(1, messageId);
            update.setArray(2, connection.createArrayOf("text", ids.toArray()));
            update.setString(3, conversationId);
            if (update.executeUpdate() != ids.stream().distinct().count() || ids.size() != ids.stream().distinct()
                    .count()) {
                throw DeskException.invalid("invalid-attachments",
                        "Every attachment must be an unused attachment of this conversation");
            }
        }
    }

    private static Attachment attachment(ResultSet rows) throws SQLException {
        return new Attachment(rows.getString(1), rows.getString(2), PgText.decode(rows.getString(3)),
                rows.getString(4), rows.getLong(5), Jdbc.instant(rows, 6), rows.getString(7));
    }
}
