package dev.livedesk.store.memory;

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
import dev.livedesk.inbox.InboxStoreContract;
import org.junit.jupiter.api.Nested;

/** Every port's contract suite against the memory implementations. One process is all there is. */
class MemoryStoresContractTest {

    static final Storage MEMORY = new Storage() {
        @Override
        public Stores fresh() {
            return MemoryStores.create(1000);
        }

        @Override
        public Stores elsewhere(Stores stores) {
            return stores;
        }
    };

    @Nested
    class EventLog extends EventLogContract {
        EventLog() {
            super(MEMORY);
        }
    }

    @Nested
    class Conversations extends ConversationStoreContract {
        Conversations() {
            super(MEMORY);
        }
    }

    @Nested
    class Presence extends PresenceStoreContract {
        Presence() {
            super(MEMORY);
        }
    }

    @Nested
    class Lock extends ClusterLockContract {
        Lock() {
            super(MEMORY);
        }
    }

    @Nested
    class Bus extends EphemeralBusContract {
        Bus() {
            super(MEMORY);
        }
    }

    @Nested
    class Attachments extends AttachmentStoreContract {
        Attachments() {
            super(MEMORY);
        }
    }

    @Nested
    class Reports extends ReportStoreContract {
        Reports() {
            super(MEMORY);
        }
    }

    @Nested
    class Unanswered extends UnansweredStoreContract {
        Unanswered() {
            super(MEMORY);
        }
    }

    @Nested
    class Inboxes extends InboxStoreContract {
        Inboxes() {
            super(MEMORY);
        }
    }
}
