package dev.livedesk.store.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livedesk.agent.PresenceStoreContract;
import dev.livedesk.bot.UnansweredStoreContract;
import dev.livedesk.chat.AttachmentStoreContract;
import dev.livedesk.chat.ConversationStoreContract;
import dev.livedesk.event.ClusterLockContract;
import dev.livedesk.event.EphemeralBusContract;
import dev.livedesk.event.EventLogContract;
import dev.livedesk.report.ReportStoreContract;
import dev.livedesk.store.Stores;
import dev.livedesk.store.StoresFixture.Storage;
import dev.livedesk.support.Postgres;
import dev.livedesk.inbox.InboxStoreContract;
import org.junit.jupiter.api.Nested;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every port's contract suite against the PostgreSQL implementations, on a real PostgreSQL: each test gets a
 * database of its own, and "elsewhere" is a second set of stores on the same database, standing for another replica.
 */
class PostgresStoresContractTest {

    static final Storage POSTGRES = new Storage() {
        private final Map<Stores, Postgres.Database> databases = new ConcurrentHashMap<>();

        @Override
        public Stores fresh() {
            Postgres.Database database = Postgres.newDatabase().migrated();
            Stores stores = on(database);
            databases.put(stores, database);
            return stores;
        }

        @Override
        public Stores elsewhere(Stores stores) {
            return on(databases.get(stores));
        }
    };

    /** A replica's stores on the database, polling often enough that a lost wake-up would only slow a test. */
    static Stores on(Postgres.Database database) {
        return PostgresStores.create(database.dataSource(), () -> database.dataSource().getConnection(),
                Duration.ofSeconds(1), Duration.ofSeconds(3), new ObjectMapper());
    }

    @Nested
    class EventLog extends EventLogContract {
        EventLog() {
            super(POSTGRES);
        }
    }

    @Nested
    class Conversations extends ConversationStoreContract {
        Conversations() {
            super(POSTGRES);
        }
    }

    @Nested
    class Presence extends PresenceStoreContract {
        Presence() {
            super(POSTGRES);
        }
    }

    @Nested
    class Lock extends ClusterLockContract {
        Lock() {
            super(POSTGRES);
        }
    }

    @Nested
    class Bus extends EphemeralBusContract {
        Bus() {
            super(POSTGRES);
        }
    }

    @Nested
    class Attachments extends AttachmentStoreContract {
        Attachments() {
            super(POSTGRES);
        }
    }

    @Nested
    class Reports extends ReportStoreContract {
        Reports() {
            super(POSTGRES);
        }
    }

    @Nested
    class Unanswered extends UnansweredStoreContract {
        Unanswered() {
            super(POSTGRES);
        }
    }

    @Nested
    class Inboxes extends InboxStoreContract {
        Inboxes() {
            super(POSTGRES);
        }
    }
}
