package dev.livedesk.store.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.store.Stores;
import dev.livedesk.store.postgres.PostgresFeed;
import dev.livedesk.store.postgres.PostgresStores;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import org.flywaydb.core.Flyway;
import dev.livedesk.Threads;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * The default store: the PostgreSQL store, on the {@link EmbeddedDatabase} the service runs itself, with a pool of
 * its own. Everything the PostgreSQL store guarantees holds, on one machine.
 */
public final class EmbeddedStores {

    private static final Logger LOG = Logger.getLogger(EmbeddedStores.class);
    private static final int POOL_SIZE = 20;

    private EmbeddedStores() {
    }

    /**
     * Starts (or reuses) the embedded server, migrates its schema and opens the store on it.
     *
     * @param keepServerForReload dev mode: closing the store releases the data directory but leaves the server
     *                            running for the instance a hot reload starts next, unless the JVM is exiting
     */
    public static Stores open(LiveDeskConfig config, ObjectMapper json, boolean keepServerForReload) {
        long began = System.nanoTime();
        EmbeddedDatabase database = EmbeddedDatabase.open(Path.of(config.embedded().dataDir()),
                config.embedded().startupTimeout());
        AutoCloseable stopServer = () -> {
            if (keepServerForReload && !Threads.jvmExiting()) {
                database.release();
            } else {
                database.close();
            }
        };
        AgroalDataSource pool = null;
        try {
            pool = pool(database.jdbcUrl());
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            Stores stores = PostgresStores.create(pool,
                    PostgresFeed.ListenConnections.to(database.jdbcUrl(), new Properties()),
                    config.postgres().pollInterval(), config.postgres().replicaLease(), json);
            AgroalDataSource opened = pool;
            LOG.infof("Using the embedded PostgreSQL store in %s (%s in %d ms)", database.directory(),
                    database.reused() ? "server reused" : "server started",
                    Duration.ofNanos(System.nanoTime() - began).toMillis());
            return stores.as("embedded", () -> {
                try {
                    opened.close();
                } finally {
                    stopServer.close();
                }
            });
        } catch (RuntimeException | SQLException e) {
            if (pool != null) {
                pool.close();
            }
            try {
                stopServer.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new EmbeddedDatabaseException("cannot open the embedded store: " + e.getMessage(), e);
        }
    }

    private static AgroalDataSource pool(String url) throws SQLException {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool
                        .maxSize(POOL_SIZE)
                        .acquisitionTimeout(Duration.ofSeconds(10))
                        .connectionFactoryConfiguration(factory -> factory
                                .connectionProviderClass(org.postgresql.Driver.class)
                                .jdbcUrl(url))));
    }

}
