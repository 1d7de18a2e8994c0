package dev.livedesk.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livedesk.agent.PresenceStore;
import dev.livedesk.bot.UnansweredStore;
import dev.livedesk.chat.AttachmentStore;
import dev.livedesk.chat.ConversationStore;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.event.ClusterLock;
import dev.livedesk.event.EphemeralBus;
import dev.livedesk.event.EventLog;
import dev.livedesk.inbox.InboxStore;
import dev.livedesk.report.ReportStore;
import dev.livedesk.store.embedded.EmbeddedStores;
import dev.livedesk.store.memory.MemoryStores;
import dev.livedesk.store.postgres.PostgresFeed;
import dev.livedesk.store.postgres.PostgresStores;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.Properties;

/**
 * Chooses the storage at start-up from {@code livedesk.store} and hands each feature its port. The Quarkus datasource
 * and Flyway are looked up only for {@code postgres}; {@code embedded} runs its own server and pool, and the memory
 * store never connects to a database.
 */
@ApplicationScoped
public class StoreProducer {

    private static final Logger LOG = Logger.getLogger(StoreProducer.class);

    @Produces
    @Singleton
    Stores stores(LiveDeskConfig config, Instance<AgroalDataSource> dataSource, Instance<Flyway> flyway,
                  ObjectMapper json,
                  @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> url,
                  @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                  @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        if (config.store() == LiveDeskConfig.StoreKind.MEMORY) {
            return MemoryStores.create(config.history().maxEventsPerConversation(),
                    config.history().maxMessagesPerConversation());
        }
        if (config.store() == LiveDeskConfig.StoreKind.EMBEDDED) {
            return EmbeddedStores.open(config, json, LaunchMode.current() == LaunchMode.DEVELOPMENT);
        }
        if (url.isEmpty()) {
            throw new IllegalStateException("livedesk.store=postgres needs quarkus.datasource.jdbc.url "
                    + "(env QUARKUS_DATASOURCE_JDBC_URL)");
        }
        flyway.get().migrate();
        Properties credentials = new Properties();
        username.ifPresent(user -> credentials.setProperty("user", user));
        password.ifPresent(secret -> credentials.setProperty("password", secret));
        Stores stores = PostgresStores.create(dataSource.get(), PostgresFeed.ListenConnections.to(url.get(), credentials),
                config.postgres().pollInterval(), config.postgres().replicaLease(), json);
        LOG.info("Using the PostgreSQL store");
        return stores;
    }

    void close(@Disposes Stores stores) throws Exception {
        stores.close();
    }

    @Produces
    @Singleton
    EventLog eventLog(Stores stores) {
        return stores.events();
    }

    @Produces
    @Singleton
    ConversationStore conversationStore(Stores stores) {
        return stores.conversations();
    }

    @Produces
    @Singleton
    PresenceStore presenceStore(Stores stores) {
        return stores.presence();
    }

    @Produces
    @Singleton
    ClusterLock clusterLock(Stores stores) {
        return stores.clusterLock();
    }

    @Produces
    @Singleton
    UnansweredStore unansweredStore(Stores stores) {
        return stores.unanswered();
    }

    @Produces
    @Singleton
    ReportStore reportStore(Stores stores) {
        return stores.reports();
    }

    @Produces
    @Singleton
    EphemeralBus ephemeralBus(Stores stores) {
        return stores.bus();
    }

    @Produces
    @Singleton
    AttachmentStore attachmentStore(Stores stores) {
        return stores.attachments();
    }

    @Produces
    @Singleton
    InboxStore inboxStore(Stores stores) {
        return stores.inboxes();
    }
}
