package dev.livedesk.store.memory;

import dev.livedesk.agent.AgentChange;
import dev.livedesk.agent.AgentStatus;
import dev.livedesk.chat.MessageEntry;
import dev.livedesk.event.EventDraft;
import dev.livedesk.event.EventTypes;
import dev.livedesk.event.Replay;
import dev.livedesk.event.StreamKey;
import dev.livedesk.store.Stores;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    void eventsOfNoConversationAreBoundedAndTheirEvictionIsReported() {
        long start = stores.events().lastEventId();
        for (int i = 0; i < 5; i++) {
            AgentStatus status = i % 2 == 0 ? AgentStatus.ONLINE : AgentStatus.AWAY;
            stores.presence().changeAgent("alice", agent -> Optional.of(new AgentChange(agent.with(status, null),
                    List.of(new EventDraft(EventTypes.AGENT_STATUS, null, "{}")))));
        }
        long last = stores.events().lastEventId();

        Replay all = stores.events().replay(StreamKey.AGENTS, start, last, 10);

        assertThat(all.events()).hasSize(3);
        assertThat(all.truncated()).isTrue();
    }

    @Test
    void aConversationKeepsItsNewestMessagesUpToItsBound() {
        Stores small = MemoryStores.create(3, 4);
        conversation(small, "a");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(message(small, "a", "m" + i).entry().eventId());
        }

        assertThat(small.conversations().messages("a", 0, 10)).extracting(MessageEntry::eventId)
                .containsExactlyElementsOf(ids.subList(2, 6));
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
