package dev.livedesk.store.memory;

import dev.livedesk.event.Replay;
import dev.livedesk.event.StreamKey;
import dev.livedesk.store.Stores;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.livedesk.store.StoresFixture.conversation;
import static dev.livedesk.store.StoresFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

/** What only the memory log does: bounded retention, and ids that tell one run from the next. */
class MemoryEventLogTest {

    private final Stores stores = MemoryStores.create(3);

    @Test
    void idsStartAboveAnyIdOfAnEarlierRun() {
        conversation(stores, "a");
        assertThat(stores.events().lastEventId()).isGreaterThan(Instant.now().minusSeconds(60).toEpochMilli() * 1000);
    }

    @Test
    void aReplayReachingIntoEvictedEventsSaysItIsIncomplete() {
        conversation(stores, "a");
        long afterCreated = stores.events().lastEventId();
        for (int i = 0; i < 3; i++) {
            message(stores, "a", null);
        }
        long last = stores.events().lastEventId();
        Replay fromCreated = stores.events().replay(StreamKey.conversation("a"), afterCreated, last, 10);
        assertThat(fromCreated.truncated()).isFalse();
        assertThat(fromCreated.events()).hasSize(3);
        assertThat(stores.events().replay(StreamKey.conversation("a"), 0, last, 10).truncated()).isTrue();
        assertThat(stores.events().replay(StreamKey.AGENTS, 0, last, 10).truncated()).isTrue();
    }

    @Test
    void evictedMessagesStayInTheHistory() {
        conversation(stores, "a");
        for (int i = 0; i < 5; i++) {
            message(stores, "a", null);
        }
        assertThat(stores.conversations().messages("a", 0, 10)).hasSize(5);
    }

    @Test
    void anIdFromAnEarlierRunReplaysAsIncompleteAndUnknown() {
        conversation(stores, "a");
        Replay replay = stores.events().replay(StreamKey.AGENTS, 5, stores.events().lastEventId(), 10);
        assertThat(replay.truncated()).isTrue();
        assertThat(replay.unknownId()).isTrue();
        assertThat(stores.events().replay(StreamKey.AGENTS, 0, stores.events().lastEventId(), 10).unknownId())
                .isFalse();
    }
}
