package dev.livedesk.store.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livedesk.store.Stores;

import javax.sql.DataSource;
import java.time.Duration;

/** The store replicas share: PostgreSQL, with LISTEN/NOTIFY as a wake-up and reads by id. */
public final class PostgresStores {

    private PostgresStores() {
    }

    /**
     * @param dataSource        the pool for reads and writes (the schema must be migrated)
     * @param listenConnections opens the connection for LISTEN, outside the pool
     * @param pollInterval      how often the feed reads new events without a notification
     * @param replicaLease      how long this replica's connection counts stay valid without renewal
     */
    public static Stores create(DataSource dataSource, PostgresFeed.ListenConnections listenConnections,
                                Duration pollInterval, Duration replicaLease, ObjectMapper json) {
        PostgresEventLog log = new PostgresEventLog(dataSource, listenConnections, pollInterval);
        PostgresPresenceStore presence = new PostgresPresenceStore(log, replicaLease);
        PostgresReportStore reports = new PostgresReportStore(log.jdbc());
        PostgresEphemeralBus bus = new PostgresEphemeralBus(log, json);
        PostgresUnansweredStore unanswered = new PostgresUnansweredStore(log.jdbc());
        return new Stores("postgres", log, new PostgresConversationStore(log, json), presence,
                new PostgresClusterLock(log), bus, new PostgresAttachmentStore(log),
                reports, unanswered, new PostgresInboxStore(log.jdbc()), () -> {
                    bus.close();
                    unanswered.close();
                    reports.close();
                    presence.close();
                    log.close();
                });
    }
}
