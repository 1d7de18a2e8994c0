package dev.livedesk.agent;

import dev.livedesk.event.Audience;
import dev.livedesk.event.EventDraft;
import dev.livedesk.event.EventTypes;
import dev.livedesk.event.StoredEvent;
import dev.livedesk.store.Stores;
import dev.livedesk.store.StoresFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link PresenceStore} promises, run against each implementation. */
public abstract class PresenceStoreContract extends StoresFixture {

    protected PresenceStoreContract(Storage storage) {
        super(storage);
    }

    private static Optional<AgentChange> become(AgentPresence current, AgentStatus status, AgentStatus restore,
                                                EventDraft... events) {
        return Optional.of(new AgentChange(current.with(status, restore), List.of(events)));
    }

    @Test
    void anAgentNeverSeenIsOfflineWithoutConnections() {
        Stores stores = stores();
        assertThat(stores.presence().agent("alice")).isEqualTo(AgentPresence.unknown("alice"));
        assertThat(stores.presence().agents()).isEmpty();
    }

    @Test
    void aChangeStoresTheStatusAndItsEventsTogether() {
        Stores stores = stores();
        conversation(stores, "c1");
        List<StoredEvent> stored = stores.presence().changeAgent("alice", current -> become(current, AgentStatus.AWAY,
                AgentStatus.ONLINE, new EventDraft(EventTypes.AGENT_STATUS, null, "{}"),
                new EventDraft(EventTypes.AGENT_STATUS, "c1", "{}", Audience.CONVERSATION)));
        assertThat(stored).hasSize(2);
        assertThat(stored.get(0).id()).isLessThan(stored.get(1).id());
        AgentPresence alice = elsewhere(stores).presence().agent("alice");
        assertThat(alice.status()).isEqualTo(AgentStatus.AWAY);
        assertThat(alice.restoreStatus()).isEqualTo(AgentStatus.ONLINE);
        assertThat(stores.events().lastEventId()).isEqualTo(stored.get(1).id());
    }

    @Test
    void aChangeNamingAnUnknownConversationIsRefusedAndStoresNothing() {
        Stores stores = stores();
        long last = stores.events().lastEventId();
        assertThatThrownBy(() -> stores.presence().changeAgent("alice", current -> become(current, AgentStatus.ONLINE,
                null, new EventDraft(EventTypes.AGENT_STATUS, null, "{}"),
                new EventDraft(EventTypes.AGENT_STATUS, "gone", "{}", Audience.CONVERSATION))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(stores.presence().agent("alice").status()).isEqualTo(AgentStatus.OFFLINE);
        assertThat(stores.events().lastEventId()).isEqualTo(last);
    }

    @Test
    void anEmptyDecisionStoresNothing() {
        Stores stores = stores();
        stores.presence().changeAgent("alice", current -> become(current, AgentStatus.ONLINE, null));
        long last = stores.events().lastEventId();
        assertThat(stores.presence().changeAgent("alice", current -> Optional.empty())).isEmpty();
        assertThat(stores.presence().agent("alice").status()).isEqualTo(AgentStatus.ONLINE);
        assertThat(stores.events().lastEventId()).isEqualTo(last);
    }

    @Test
    void recordedConnectionsCountAndADecisionSeesThemButCannotChangeThem() {
        Stores stores = stores();
        stores.presence().recordConnections("alice", 2);
        assertThat(stores.presence().agent("alice").connections()).isEqualTo(2);
        int[] seen = new int[1];
        stores.presence().changeAgent("alice", current -> {
            seen[0] = current.connections();
            return Optional.of(new AgentChange(new AgentPresence("alice", AgentStatus.ONLINE, null, 99), List.of()));
        });
        assertThat(seen[0]).isEqualTo(2);
        assertThat(stores.presence().agent("alice")).isEqualTo(new AgentPresence("alice", AgentStatus.ONLINE, null, 2));
        stores.presence().recordConnections("alice", 0);
        assertThat(stores.presence().agent("alice").connections()).isZero();
        assertThat(stores.presence().agent("alice").status()).isEqualTo(AgentStatus.ONLINE);
    }

    @Test
    void listsEveryAgentSeenOrderedById() {
        Stores stores = stores();
        stores.presence().changeAgent("carol", current -> become(current, AgentStatus.ONLINE, null));
        stores.presence().recordConnections("alice", 1);
        stores.presence().changeAgent("bob", current -> become(current, AgentStatus.AWAY, null));
        assertThat(stores.presence().agents()).extracting(AgentPresence::agentId)
                .containsExactly("alice", "bob", "carol");
        assertThat(stores.presence().agents().get(0).connections()).isEqualTo(1);
    }

    @Test
    void anAgentWithALiveConnectionIsNeverIdle() {
        Stores stores = stores();
        stores.presence().changeAgent("alice", current -> become(current, AgentStatus.ONLINE, null));
        stores.presence().recordConnections("alice", 1);
        assertThat(stores.presence().agentsIdleFor(Duration.ZERO)).isEmpty();
    }
}
