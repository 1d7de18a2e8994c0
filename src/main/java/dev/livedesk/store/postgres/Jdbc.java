package dev.livedesk.store.postgres;

import dev.livedesk.event.StoreUnavailableException;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How the PostgreSQL stores talk to the database: work on one pooled connection, as one transaction or with
 * auto-commit, with every {@link SQLException} turned into {@link StoreUnavailableException} (a 503 at the edge,
 * never a 500). Called only from worker threads and LiveDesk's own threads, never from an event loop.
 */
final class Jdbc {

    private static final Logger LOG = Logger.getLogger(Jdbc.class);

    private final DataSource dataSource;

    /** Work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Maps one row; may throw what JDBC throws. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rows) throws SQLException;
    }

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs the work in one transaction (the pool restores auto-commit when the connection goes back). */
    <T> T write(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
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
    <T> T read(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
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

    /** The first column of the one row the query returns. */
    static long single(PreparedStatement select) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The column's time, or null for SQL NULL. */
    static Instant instant(ResultSet rows, int column) throws SQLException {
        Timestamp time = rows.getTimestamp(column);
        return time == null ? null : time.toInstant();
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback failed; the pool discards the connection", e);
        }
    }
}
