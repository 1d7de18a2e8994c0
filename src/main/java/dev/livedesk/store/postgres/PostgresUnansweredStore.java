package dev.livedesk.store.postgres;

import dev.livedesk.bot.UnansweredStore;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Unanswered questions in their own table, read newest first through the index on their time. */
final class PostgresUnansweredStore implements UnansweredStore {

    private final Jdbc jdbc;

    PostgresUnansweredStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(Unanswered question) {
        jdbc.write(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO unanswered_questions "
                    + "(conversation_id, lang, text, handed_off, asked_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, question.conversationId());
                insert.setString(2, question.lang());
                insert.setString(3, PgText.encode(question.text()));
                insert.setBoolean(4, question.handedOff());
                insert.setTimestamp(5, Timestamp.from(question.at()));
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<Unanswered> since(Instant from, int max) {
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT conversation_id, lang, text, "
                    + "handed_off, asked_at FROM unanswered_questions WHERE asked_at >= ? "
                    + "ORDER BY asked_at DESC, id DESC LIMIT ?")) {
                select.setTimestamp(1, Timestamp.from(from));
                select.setInt(2, max);
                return Jdbc.rows(select, rows -> new Unanswered(rows.getString(1), rows.getString(2),
                        PgText.decode(rows.getString(3)), rows.getBoolean(4), Jdbc.instant(rows, 5)));
            }
        });
    }
}
