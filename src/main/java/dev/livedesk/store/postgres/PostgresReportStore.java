package dev.livedesk.store.postgres;

import dev.livedesk.report.Activity;
import dev.livedesk.report.AgentFigures;
import dev.livedesk.report.ConversationFigures;
import dev.livedesk.report.ReportRow;
import dev.livedesk.report.RecentRating;
import dev.livedesk.report.ReportStore;
import dev.livedesk.report.Tally;
import dev.livedesk.report.Spread;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Reports as SQL aggregates over {@code conversations} (one row per conversation, its milestones in columns) and
 * {@code messages}, each range read through the {@code created_at} and {@code sent_at} indexes. Percentiles are
 * PostgreSQL's {@code percentile_cont}, the interpolation {@link Spread} computes in Java.
 */
final class PostgresReportStore implements ReportStore, AutoCloseable {

    /** Seconds as float8: {@code date_part} is several times cheaper per row than {@code extract}'s numeric. */
    private static final String FIRST_RESPONSE = "date_part('epoch', first_response_at - queued_at)";
    private static final String RESOLUTION = "CASE WHEN queued_at IS NOT NULL AND status = 'RESOLVED'"
            + " THEN date_part('epoch', resolved_at - created_at) END";
    /** The histogram's bucket of a duration: 0 below the first bound, i from the i-th bound on (as {@link Spread}). */
    private static final String BUCKET = "width_bucket(%s, ARRAY" + Spread.BOUNDS + "::float8[])";
    /** The range's conversations of the given inboxes: its four parameters are bound by {@link #range}. */
    private static final String IN_RANGE = " FROM conversations WHERE created_at >= ? AND created_at < ?"
            + " AND (?::text[] IS NULL OR inbox_id = ANY(?::text[]))";

    private final Jdbc jdbc;
    /** Runs a summary's other two reads while the caller's thread runs the first; idle threads end after a minute. */
    private final ThreadPoolExecutor parallel;

    PostgresReportStore(Jdbc jdbc) {
        this.jdbc = jdbc;
        AtomicInteger threads = new AtomicInteger();
        this.parallel = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "livedesk-reports-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        parallel.allowCoreThreadTimeOut(true);
    }

    /**
     * The three reads at once, on three connections: each scans its own table once, so a summary takes about as long
     * as its slowest read (the messages per quarter hour) instead of the sum.
     */
    @Override
    public Snapshot snapshot(Instant from, Instant to, Instant quietSince, Set<String> inboxIds) {
        CompletableFuture<List<AgentFigures>> agents =
                CompletableFuture.supplyAsync(() -> agents(from, to, inboxIds), parallel);
        CompletableFuture<List<Activity>> activity =
                CompletableFuture.supplyAsync(() -> activity(from, to, inboxIds), parallel);
        ConversationFigures figures = figures(from, to, quietSince, inboxIds);
        List<RecentRating> ratings = recentRatings(from, to, RECENT_RATINGS, inboxIds);
        return new Snapshot(figures, join(agents), join(activity), ratings);
    }

    private static <T> T join(CompletableFuture<T> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        parallel.shutdownNow();
    }

    /**
     * One pass over the range's conversations. Empty ones (no customer message) only count as such; "reopened"
     * looks for the same customer's next conversation through the customer index.
     */
    @Override
    public ConversationFigures figures(Instant from, Instant to, Instant quietSince, Set<String> inboxIds) {
        String sql = "WITH d AS (SELECT id, customer_id, status, queued_at, rating_score, last_customer_message_at,"
                + " assistant_resolved_at, " + FIRST_RESPONSE + " AS first_response, "
                + RESOLUTION + " AS resolution" + IN_RANGE + "), c AS (SELECT *, "
                + BUCKET.formatted("first_response") + " AS first_response_bucket, "
                + BUCKET.formatted("resolution") + " AS resolution_bucket FROM d WHERE last_customer_message_at"
                + " IS NOT NULL) "
                + "SELECT count(*), count(queued_at), "
                + spread("first_response") + ", " + spread("resolution") + ", coalesce(sum(rating_score), 0), "
                + "count(rating_score), count(*) FILTER (WHERE rating_score = 1), "
                + "count(*) FILTER (WHERE rating_score = 2), count(*) FILTER (WHERE rating_score = 3), "
                + "count(*) FILTER (WHERE rating_score = 4), count(*) FILTER (WHERE rating_score = 5), "
                + "count(*) FILTER (WHERE queued_at IS NULL AND (status = 'RESOLVED' OR last_customer_message_at < ?)), "
                + "count(*) FILTER (WHERE queued_at IS NULL AND status <> 'RESOLVED' AND last_customer_message_at >= ?), "
                + "count(*) FILTER (WHERE assistant_resolved_at IS NOT NULL AND (queued_at IS NOT NULL OR EXISTS ("
                + "SELECT 1 FROM conversations n WHERE n.customer_id = c.customer_id AND n.id <> c.id"
                + " AND n.created_at > c.assistant_resolved_at"
                + " AND n.created_at <= c.assistant_resolved_at + make_interval(secs => ?)))), "
                + "(SELECT count(*) FROM d WHERE last_customer_message_at IS NULL) FROM c";
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int next = range(select, 1, from, to, inboxIds);
                select.setTimestamp(next, Timestamp.from(quietSince));
                select.setTimestamp(next + 1, Timestamp.from(quietSince));
                select.setDouble(next + 2, Tally.REOPEN_WINDOW.toSeconds());
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
                    int after = column + 7;
                    return new ConversationFigures(rows.getInt(1), rows.getInt(after + 3), rows.getInt(2),
                            rows.getInt(after), rows.getInt(after + 1), rows.getInt(after + 2), firstResponse,
                            resolution, rows.getLong(column), rows.getInt(column + 1), distribution);
                }
            }
        });
    }

    @Override
    public List<RecentRating> recentRatings(Instant from, Instant to, int limit, Set<String> inboxIds) {
        String sql = "SELECT id, rating_score, rating_comment, rated_at, agent_id" + IN_RANGE
                + " AND rating_score IS NOT NULL ORDER BY rated_at DESC, id LIMIT ?";
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setInt(range(select, 1, from, to, inboxIds), limit);
                return Jdbc.rows(select, rows -> new RecentRating(rows.getString(1), rows.getInt(2),
                        PgText.decode(rows.getString(3)), Jdbc.instant(rows, 4), rows.getString(5)));
            }
        });
    }

    @Override
    public List<AgentFigures> agents(Instant from, Instant to, Set<String> inboxIds) {
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
                range(select, 1, from, to, inboxIds);
                return Jdbc.rows(select, rows -> new AgentFigures(rows.getString(1), rows.getInt(2),
                        nullableDouble(rows, 3), rows.getLong(4), rows.getInt(5)));
            }
        });
    }

    @Override
    public List<Activity> activity(Instant from, Instant to, Set<String> inboxIds) {
        String quarter = "floor(date_part('epoch', %s) / " + Activity.QUARTER_SECONDS + ")::bigint * "
                + Activity.QUARTER_SECONDS;
        String sql = "SELECT q, sum(c)::int, sum(m)::int FROM ("
                + "SELECT " + quarter.formatted("created_at") + " AS q, count(*) AS c, 0 AS m" + IN_RANGE
                + " GROUP BY 1 UNION ALL "
                + "SELECT " + quarter.formatted("sent_at") + ", 0, count(*) FROM messages"
                + " WHERE sent_at >= ? AND sent_at < ? AND (?::text[] IS NULL OR conversation_id IN"
                + " (SELECT id FROM conversations WHERE inbox_id = ANY(?::text[])))"
                + " GROUP BY 1) quarters GROUP BY q ORDER BY q";
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                range(select, range(select, 1, from, to, inboxIds), from, to, inboxIds);
                return Jdbc.rows(select, rows -> new Activity(rows.getLong(1), rows.getInt(2), rows.getInt(3)));
            }
        });
    }

    @Override
    public void rows(Instant from, Instant to, Set<String> inboxIds, Consumer<ReportRow> row) {
        String sql = "SELECT id, created_at, customer_name, status, agent_id, labels, " + FIRST_RESPONSE + ", "
                + RESOLUTION + ", rating_score, rating_comment" + IN_RANGE + " ORDER BY created_at, created_event_id";
        jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                range(select, 1, from, to, inboxIds);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        int rating = rows.getInt(9);
                        Integer score = rows.wasNull() ? null : rating;
                        row.accept(new ReportRow(rows.getString(1), Jdbc.instant(rows, 2),
                                PgText.decode(rows.getString(3)), rows.getString(4), rows.getString(5),
                                List.of((String[]) rows.getArray(6).getArray()), nullableDouble(rows, 7),
                                nullableDouble(rows, 8), score, PgText.decode(rows.getString(10))));
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
        for (int bucket = 0; bucket <= Spread.BOUNDS.size(); bucket++) {
            sql.append(", count(*) FILTER (WHERE ").append(column).append("_bucket = ").append(bucket).append(')');
        }
        return sql.toString();
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

    /** Binds a range and its inboxes (null: every inbox) from {@code first} on; returns the next index. */
    private static int range(PreparedStatement select, int first, Instant from, Instant to, Set<String> inboxIds)
            throws SQLException {
        select.setTimestamp(first, Timestamp.from(from));
        select.setTimestamp(first + 1, Timestamp.from(to));
        Array inboxes = inboxIds == null ? null
                : select.getConnection().createArrayOf("text", inboxIds.toArray());
        select.setArray(first + 2, inboxes);
        select.setArray(first + 3, inboxes);
        return first + 4;
    }
}
