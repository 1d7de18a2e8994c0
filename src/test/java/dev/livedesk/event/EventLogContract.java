package dev.livedesk.event;

import dev.livedesk.agent.AgentChange;
import dev.livedesk.agent.AgentStatus;
import dev.livedesk.store.Stores;
import dev.livedesk.store.StoresFixture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What every {@link EventLog} promises, run against each implementation. */
public abstract class EventLogContract extends StoresFixture {

    protected EventLogContract(Storage storage) {
        super(storage);
    }

    @Test
    void idsRiseStrictlyAcrossConversations() {
        Stores stores = stores();
        conversation(stores, "a");
        conversation(stores, "b");
        long first = message(stores, "a", null).event().id();
        long second = message(stores, "b", null).event().id();
        long third = message(stores, "a", null).event().id();
        assertThat(List.of(first, second, third)).isSorted().doesNotHaveDuplicates();
        assertThat(stores.events().lastEventId()).isEqualTo(third);
    }

    @Test
    void anEmptyLogHasNoLastEventId() {
        assertThat(stores().events().lastEventId()).isZero();
    }

    @Test
    void replaysOnlyTheRequestedRangeOfTheStream() {
        Stores stores = stores();
        conversation(stores, "a");
        conversation(stores, "b");
        long one = message(stores, "a", null).event().id();
        message(stores, "b", null);
        long two = message(stores, "a", null).event().id();
        long three = message(stores, "a", null).event().id();
        Replay replay = stores.events().replay(StreamKey.conversation("a"), one, two, 10);
        assertThat(replay.events()).extracting(StoredEvent::id).containsExactly(two);
        assertThat(replay.truncated()).isFalse();
        assertThat(stores.events().replay(StreamKey.conversation("a"), one, three, 10).events())
                .extracting(StoredEvent::id).containsExactly(two, three);
    }

    @Test
    void aReplayCutByTheLimitKeepsTheNewestAndSaysSo() {
        Stores stores = stores();
        conversation(stores, "a");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(message(stores, "a", null).event().id());
        }
        long last = stores.events().lastEventId();
        Replay replay = stores.events().replay(StreamKey.conversation("a"), 0, last, 3);
        assertThat(replay.truncated()).isTrue();
        assertThat(replay.events()).extracting(StoredEvent::id).containsExactlyElementsOf(ids.subList(2, 5));
        Replay agents = stores.events().replay(StreamKey.AGENTS, ids.get(0), last, 4);
        assertThat(agents.truncated()).isFalse();
        assertThat(agents.events()).extracting(StoredEvent::id).containsExactlyElementsOf(ids.subList(1, 5));
    }

    @Test
    void theAgentsStreamCarriesOnlyEventsMeantForAgents() {
        Stores stores = stores();
        conversation(stores, "a");
        List<StoredEvent> stored = stores.presence().changeAgent("alice", current -> Optional.of(
                new AgentChange(current.with(AgentStatus.ONLINE, null), List.of(
                        new EventDraft(EventTypes.AGENT_STATUS, null, "{}"),
                        new EventDraft(EventTypes.AGENT_STATUS, "a", "{}", Audience.CONVERSATION)))));
        long last = stores.events().lastEventId();
        assertThat(stores.events().replay(StreamKey.AGENTS, 0, last, 10).events()).extracting(StoredEvent::id)
                .contains(stored.get(0).id()).doesNotContain(stored.get(1).id());
        assertThat(stores.events().replay(StreamKey.conversation("a"), 0, last, 10).events())
                .extracting(StoredEvent::id).contains(stored.get(1).id()).doesNotContain(stored.get(0).id());
    }

    @Test
    void unknownConversationsAndTheStatusStreamReplayNothing() {
        Stores stores = stores();
        conversation(stores, "a");
        long last = stores.events().lastEventId();
        assertThat(stores.events().replay(StreamKey.conversation("nope"), 0, last, 10))
                .isEqualTo(new Replay(List.of(), false));
        assertThat(stores.events().replay(StreamKey.STATUS, 0, last, 10)).isEqualTo(new Replay(List.of(), false));
    }

    @Test
    void listenersHearEveryEventAfterTheReturnedIdOnceInOrder() {
        Stores stores = stores();
        conversation(stores, "a");
        List<Long> heard = new CopyOnWriteArrayList<>();
        long start = stores.events().addListener(event -> heard.add(event.id()));
        List<Long> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            written.add(message(stores, "a", null).event().id());
        }
        assertThat(start).isLessThan(written.get(0));
        long last = written.get(written.size() - 1);
        await().until(() -> heard.contains(last));
        List<Long> owed = stores.events().replay(StreamKey.AGENTS, start, last, 100).events().stream()
                .map(StoredEvent::id).toList();
        assertThat(owed).containsSubsequence(written);
        assertThat(heard).containsExactlyElementsOf(owed);
    }

    @Test
    void aListenerThatThrowsNeitherFailsTheWriteNorKeepsTheEventFromTheOthers() {
        Stores stores = stores();
        conversation(stores, "a");
        List<Long> heard = new CopyOnWriteArrayList<>();
        stores.events().addListener(event -> {
            throw new IllegalStateException("listener failure");
        });
        stores.events().addListener(event -> heard.add(event.id()));

        long first = message(stores, "a", null).event().id();
        long second = message(stores, "a", null).event().id();

        await().until(() -> heard.contains(second));
        assertThat(heard).contains(first).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void anotherProcessOnTheSameStorageReadsWhatWasWritten() {
        Stores writer = stores();
        conversation(writer, "a");
        long id = message(writer, "a", null).event().id();
        Stores reader = elsewhere(writer);
        assertThat(reader.events().lastEventId()).isEqualTo(id);
        assertThat(reader.events().replay(StreamKey.conversation("a"), 0, id, 10).events())
                .extracting(StoredEvent::type).containsExactly(EventTypes.CONVERSATION, EventTypes.MESSAGE);
    }
}
