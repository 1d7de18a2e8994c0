package dev.livedesk.store.postgres;

import dev.livedesk.report.Activity;
import dev.livedesk.report.AgentFigures;
import dev.livedesk.report.ConversationFigures;
import dev.livedesk.report.ReportRow;
import dev.livedesk.report.ReportStore;
import dev.livedesk.report.Spread;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reports as SQL aggregates over {@code conversations} (one row per conversation, its milestones in columns) and
 * {@code messages}, each range read through the {@code created_at} and {@code sent_at} indexes. Percentiles are
 * PostgreSQL's {@code percentile_cont}, the interpolation {@link Spread} computes in Java.
 */
final class PostgresReportStore implements ReportStore {

    private static final String FIRST_RESPONSE = "extract(epoch FROM first_response_at - queued_at)::float8";
    private static final String RESOLUTION = "CASE WHEN queued_at IS NOT NULL AND status = 'RESOLVED'"
            + " THEN extract(epoch FROM resolved_at - created_at)::float8 END";
    private static final String IN_RANGE = " FROM conversations WHERE created_at >= ? AND created_at < ?";

    private final Jdbc jdbc;

    PostgresReportStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ConversationFigures figures(Instant from, Instant to) {
        String sql = "WITH c AS (SELECT queued_at, rating_score, " + FIRST_RESPONSE + " AS first_response, "
                + RESOLUTION + " AS resolution" + IN_RANGE + ") SELECT count(*), count(queued_at), "
                + spread("first_response") + ", " + spread("resolution") + ", coalesce(sum(rating_score), 0), "
                + "count(rating_score), count(*) FILTER (WHERE rating_score = 1), "
                + "count(*) FILTER (WHERE rating_score = 2), count(*) FILTER (WHERE rating_score = 3), "
                + "count(*) FILTER (WHERE rating_score = 4), count(*) FILTER (WHERE rating_score = 5) FROM c";
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                range(select, 1, from, to);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    int column = 3;
                    Spread firstResponse = spread(rows, column);
                    column += 2 + Spread.BOUNDS.size() + 1;
                    Spread resolution = spread(rows, column);
                    column += 2 + Spread.BOUNDS.size() + 1;
                    List<Integer> distribution = new ArrayList<>();
                    for (int score = 0; score < 5; score++) {
                        distribution.add(rows.getInt(column + 2 + score));
                    }
                    return new ConversationFigures(rows.getInt(1), rows.getInt(2), firstResponse, resolution,
                            rows.getLong(column), rows.getInt(column + 1), distribution);
                }
            }
        });
    }

    @Override
    public List<AgentFigures> agents(Instant from, Instant to) {
        String sql = "WITH c AS (SELECT agent_id, first_responder_id, rating_score, " + FIRST_RESPONSE
                + " AS first_response" + IN_RANGE + "), "
                + "a AS (SELECT agent_id AS id, count(*) AS n, coalesce(sum(rating_score), 0) AS score, "
                + "count(rating_score) AS rated FROM c WHERE agent_id IS NOT NULL GROUP BY agent_id), "
                + "r AS (SELECT first_responder_id AS id, "
                + "percentile_cont(0.5) WITHIN GROUP (ORDER BY first_response) AS median "
                + "FROM c WHERE first_responder_id IS NOT NULL GROUP BY first_responder_id) "
                + "SELECT coalesce(a.id, r.id) AS agent, coalesce(a.n, 0), r.median, coalesce(a.score, 0), "
                + "coalesce(a.rated, 0) FROM a FULL JOIN r ON a.id = r.id ORDER BY coalesce(a.id, r.id) COLLATE \"C\"";
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                range(select, 1, from, to);
                return Jdbc.rows(select, rows -> new AgentFigures(rows.getString(1), rows.getInt(2),
                        nullableDouble(rows, 3), rows.getLong(4), rows.getInt(5)));
            }
        });
    }

    @Override
    public List<Activity> activity(Instant from, Instant to) {
        String quarter = "(floor(extract(epoch FROM %s) / " + Activity.QUARTER_SECONDS + ") * "
                + Activity.QUARTER_SECONDS + ")::bigint";
        String sql = "SELECT q, sum(c)::int, sum(m)::int FROM ("
                + "SELECT " + quarter.formatted("created_at") + " AS q, count(*) AS c, 0 AS m" + IN_RANGE
                + " GROUP BY 1 UNION ALL "
                + "SELECT " + quarter.formatted("sent_at") + ", 0, count(*) FROM messages"
                + " WHERE sent_at >= ? AND sent_at < ? GROUP BY 1) quarters GROUP BY q ORDER BY q";
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                range(select, 1, from, to);
                range(select, 3, from, to);
                return Jdbc.rows(select, rows -> new Activity(rows.getLong(1), rows.getInt(2), rows.getInt(3)));
            }
        });
    }

    @Override
    public void rows(Instant from, Instant to, Consumer<ReportRow> row) {
        String sql = "SELECT id, created_at, customer_name, status, agent_id, labels, " + FIRST_RESPONSE + ", "
                + RESOLUTION + ", rating_score" + IN_RANGE + " ORDER BY created_at, created_event_id";
        jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                range(select, 1, from, to);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        int rating = rows.getInt(9);
                        Integer score = rows.wasNull() ? null : rating;
                        row.accept(new ReportRow(rows.getString(1), Jdbc.instant(rows, 2),
                                PgText.decode(rows.getString(3)), rows.getString(4), rows.getString(5),
                                List.of((String[]) rows.getArray(6).getArray()), nullableDouble(rows, 7),
                                nullableDouble(rows, 8), score));
                    }
                }
            }
            return null;
        });
    }

    /** The median, the 90th percentile and the histogram's counts of a column, as SQL select items. */
    private static String spread(String column) {
        StringBuilder sql = new StringBuilder("percentile_cont(0.5) WITHIN GROUP (ORDER BY " + column + "), "
                + "percentile_cont(0.9) WITHIN GROUP (ORDER BY " + column + ")");
        long below = Long.MIN_VALUE;
        for (long bound : Spread.BOUNDS) {
            sql.append(", count(*) FILTER (WHERE ").append(column).append(" <= ").append(bound)
                    .append(below == Long.MIN_VALUE ? "" : " AND " + column + " > " + below).append(')');
            below = bound;
        }
        return sql.append(", count(*) FILTER (WHERE ").append(column).append(" > ").append(below).append(')')
                .toString();
    }

    private static Spread spread(ResultSet rows, int column) throws SQLException {
        List<Integer> histogram = new ArrayList<>();
        for (int bucket = 0; bucket <= Spread.BOUNDS.size(); bucket++) {
            histogram.add(rows.getInt(column + 2 + bucket));
        }
        return new Spread(nullableDouble(rows, column), nullableDouble(rows, column + 1), histogram);
    }

    private static Double nullableDouble(ResultSet rows, int column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? null : value;
    }

    private static void range(PreparedStatement select, int first, Instant from, Instant to) throws SQLException {
        select.setTimestamp(first, Timestamp.from(from));
        select.setTimestamp(first + 1, Timestamp.from(to));
    }
}
