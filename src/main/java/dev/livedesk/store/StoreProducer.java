package dev.livedesk.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livedesk.config.LiveDeskConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.ClientProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.util.Optional;
import java.util.Properties;

/**
 * Chooses the store at start-up from {@code livedesk.store}. The datasource and Flyway are looked up only for
 * {@code postgres}, so the memory store runs without any database configured and never connects to one.
 */
@ApplicationScoped
public class StoreProducer {

    private static final Logger LOG = Logger.getLogger(StoreProducer.class);

    @Produces
    @ApplicationScoped
    ChatStore chatStore(LiveDeskConfig config, Instance<AgroalDataSource> dataSource, Instance<Flyway> flyway,
                        @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> url,
                        @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                        @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        if (config.store() == LiveDeskConfig.StoreKind.MEMORY) {
            return new MemoryChatStore(config);
        }
        if (url.isEmpty()) {
            throw new IllegalStateException("livedesk.store=postgres needs quarkus.datasource.jdbc.url "
                    + "(env QUARKUS_DATASOURCE_JDBC_URL)");
        }
        flyway.get().migrate();
        Properties credentials = new Properties();
        username.ifPresent(user -> credentials.setProperty("user", user));
        password.ifPresent(secret -> credentials.setProperty("password", secret));
        org.postgresql.Driver driver = new org.postgresql.Driver();
        PostgresChatStore store = new PostgresChatStore(dataSource.get(), () -> {
            Connection connection = driver.connect(url.get(), credentials);
            if (connection == null) {
                throw new IllegalStateException("not a PostgreSQL JDBC URL: " + url.get());
            }
            return connection;
        }, config.postgres().pollInterval(), config.postgres().replicaLease());
        LOG.infof("Using the PostgreSQL store as replica %s", store.replicaId());
        return store;
    }

    void close(@Disposes ChatStore store) {
        if (ClientProxy.unwrap(store) instanceof PostgresChatStore postgres) {
            postgres.close();
        }
    }

    @Produces
    @ApplicationScoped
    EphemeralBus ephemeralBus(ChatStore store, ObjectMapper json) {
        return ClientProxy.unwrap(store) instanceof PostgresChatStore postgres ? new PostgresEphemeralBus(postgres, json)
                : new LocalEphemeralBus();
    }
}
