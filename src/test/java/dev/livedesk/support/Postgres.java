package dev.livedesk.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for tests, started once per JVM from the binaries on Maven Central (no Docker, nothing
 * installed), stopped when the JVM exits. Each caller gets a database of its own.
 */
public final class Postgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private Postgres() {
    }

    /** A database of one test's own. */
    public record Database(String url, String user, String password) {

        public PGSimpleDataSource dataSource() {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(url);
            dataSource.setUser(user);
            dataSource.setPassword(password);
            return dataSource;
        }

        /** Runs the application's migrations, as the application does when it starts. */
        public Database migrated() {
            Flyway.configure().dataSource(url, user, password).load().migrate();
            return this;
        }

        public void execute(String sql) {
            try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A new, empty database on the shared server. */
    public static Database newDatabase() {
        return newDatabase(Map.of());
    }

    /**
     * A new, empty database on the shared server, which starts with the given settings if this call starts it (the
     * benchmark's statement statistics need a library loaded at start).
     */
    public static synchronized Database newDatabase(Map<String, String> serverSettings) {
        if (server == null) {
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                        .setErrorRedirector(ProcessBuilder.Redirect.DISCARD);
                serverSettings.forEach(builder::setServerConfig);
                server = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the server's directory is temporary
                }
            }));
        }
        String name = "livedesk_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Database(server.getJdbcUrl("postgres", name), "postgres", "postgres");
    }
}
