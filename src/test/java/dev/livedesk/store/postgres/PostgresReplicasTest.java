package dev.livedesk.store.postgres;

import dev.livedesk.Clocks;
import dev.livedesk.agent.AgentChange;
import dev.livedesk.agent.AgentStatus;
import dev.livedesk.auth.AgentDirectory;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.event.Ephemeral;
import dev.livedesk.event.EventTypes;
import dev.livedesk.event.StreamKey;
import dev.livedesk.inbox.InboxRequest;
import dev.livedesk.inbox.InboxService;
import dev.livedesk.inbox.MembersRequest;
import dev.livedesk.store.Stores;
import dev.livedesk.support.Postgres;
import dev.livedesk.support.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.livedesk.store.StoresFixture.conversation;
import static dev.livedesk.store.StoresFixture.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What only the PostgreSQL stores do: several replicas on one database, each with its own feed, leases and
 * listening connection. Two sets of stores on one database stand for two replicas.
 */
class PostgresReplicasTest {

    private Postgres.Database database;
    private final List<Stores> replicas = new ArrayList<>();

    @BeforeEach
    void database() {
        database = Postgres.newDatabase().migrated();
    }

    @AfterEach
    void close() throws Exception {
        for (Stores replica : replicas) {
            replica.close();
        }
    }

    /** A replica; only notifications and its own commits wake it unless the poll interval is short. */
    private Stores replica(Duration pollInterval) {
        Stores stores = PostgresStores.create(database.dataSource(), () -> database.dataSource().getConnection(),
                pollInterval, Duration.ofSeconds(3), new com.fasterxml.jackson.databind.ObjectMapper());
        replicas.add(stores);
        return stores;
    }

    @Test
    void everyReplicaDeliversEveryCommittedEventOnceInIdOrderUnderConcurrentWriters() throws Exception {
        Stores one = replica(Duration.ofSeconds(1));
        Stores two = replica(Duration.ofSeconds(1));
        List<Long> seenByOne = new CopyOnWriteArrayList<>();
        List<Long> seenByTwo = new CopyOnWriteArrayList<>();
        long startOne = one.events().addListener(event -> seenByOne.add(event.id()));
        long startTwo = two.events().addListener(event -> seenByTwo.add(event.id()));
        for (int c = 0; c < 4; c++) {
            conversation(c % 2 == 0 ? one : two, "c" + c);
        }
        ConcurrentLinkedQueue<Long> committed = new ConcurrentLinkedQueue<>();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                Stores stores = w % 2 == 0 ? one : two;
                String conversationId = "c" + (w % 4);
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        committed.add(message(stores, conversationId, null).event().id());
                    }
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            writers.shutdownNow();
        }
        List<Long> expected = committed.stream().sorted().toList();
        await().atMost(Duration.ofSeconds(20)).until(() -> seenByOne.containsAll(expected) && seenByTwo.containsAll(expected));
        for (List<Long> seen : List.of(seenByOne, seenByTwo)) {
            assertThat(seen).doesNotHaveDuplicates().isSorted();
        }
        assertThat(seenByOne.stream().filter(expected::contains).toList()).isEqualTo(expected);
        assertThat(seenByOne).allMatch(id -> id > startOne);
        assertThat(seenByTwo).allMatch(id -> id > startTwo);
    }

    @Test
    void aTerminatedListenerConnectionReconnectsAndCatchesUpByIdLosingNothing() {
        Stores listening = replica(Duration.ofMinutes(10));
        Stores writing = replica(Duration.ofMinutes(10));
        List<Long> seen = new CopyOnWriteArrayList<>();
        listening.events().addListener(event -> seen.add(event.id()));
        conversation(writing, "c1");
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);

        List<Long> written = new ArrayList<>();
        List<Integer> before = listenerPids();
        database.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                + PostgresFeed.LISTENER_NAME + "'");
        for (int i = 0; i < 20; i++) {
            written.add(message(writing, "c1", null).event().id());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.containsAll(written));
        assertThat(seen).doesNotHaveDuplicates().isSorted().hasSize(21);
        assertThat(listenerPids()).hasSize(2).doesNotContainAnyElementsOf(before);
    }

    @Test
    void aListenerThatThrowsOnThisReplicasCommitNeitherFailsTheWriteNorStopsTheOthers() {
        Stores stores = replica(Duration.ofMinutes(10));
        List<Long> seen = new CopyOnWriteArrayList<>();
        stores.events().addListener(event -> {
            throw new IllegalStateException("listener failure");
        });
        stores.events().addListener(event -> seen.add(event.id()));

        conversation(stores, "c1");
        long first = message(stores, "c1", null).event().id();
        long second = message(stores, "c1", null).event().id();

        assertThat(seen).contains(first, second).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void aListenerThatThrowsOnAnotherReplicasEventsDoesNotStallTheReader() {
        Stores reading = replica(Duration.ofMillis(100));
        Stores writing = replica(Duration.ofMinutes(10));
        List<Long> seen = new CopyOnWriteArrayList<>();
        reading.events().addListener(event -> {
            throw new IllegalStateException("listener failure");
        });
        reading.events().addListener(event -> seen.add(event.id()));

        conversation(writing, "c1");
        List<Long> written = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            written.add(message(writing, "c1", null).event().id());
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.containsAll(written));
        assertThat(seen).doesNotHaveDuplicates().isSorted();
    }

    private List<Integer> listenerPids() {
        List<Integer> pids = new ArrayList<>();
        try (java.sql.Connection connection = database.dataSource().getConnection();
             java.sql.ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT pid FROM pg_stat_activity WHERE application_name = '" + PostgresFeed.LISTENER_NAME + "'")) {
            while (rows.next()) {
                pids.add(rows.getInt(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return pids;
    }

    @Test
    void ephemeralEventsReachEveryReplica() {
        Stores one = replica(Duration.ofSeconds(1));
        Stores two = replica(Duration.ofSeconds(1));
        List<Ephemeral> onOne = new CopyOnWriteArrayList<>();
        List<Ephemeral> onTwo = new CopyOnWriteArrayList<>();
        one.bus().addListener(onOne::add);
        two.bus().addListener(onTwo::add);
        Ephemeral typing = new Ephemeral(StreamKey.conversation("c1"), EventTypes.TYPING, "{\"typing\":true}");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            one.bus().publish(typing);
            assertThat(onTwo).contains(typing);
        });
        assertThat(onOne).contains(typing);
    }

    @Test
    void anAgentIsConnectedWhileAnyLiveReplicaHoldsOneOfItsConnections() {
        Stores one = replica(Duration.ofSeconds(1));
        Stores two = replica(Duration.ofSeconds(1));
        one.presence().recordConnections("alice", 2);
        two.presence().recordConnections("alice", 1);
        assertThat(two.presence().agent("alice").connections()).isEqualTo(3);
        one.presence().recordConnections("alice", 0);
        assertThat(one.presence().agent("alice").connections()).isEqualTo(1);
    }

    @Test
    void connectionsOfAReplicaThatStoppedRenewingItsLeaseNoLongerCountAndItsAgentsGoIdle() {
        Stores stores = replica(Duration.ofSeconds(1));
        stores.presence().changeAgent("alice", current -> Optional.of(new AgentChange(
                current.with(AgentStatus.ONLINE, null), List.of())));
        database.execute("INSERT INTO agent_connections VALUES ('gone-replica', 'alice', 1, now() - interval '1 hour', "
                + "now() - interval '1 minute')");
        assertThat(stores.presence().agent("alice").connections()).isZero();
        assertThat(stores.presence().agentsIdleFor(Duration.ofSeconds(30))).containsExactly("alice");
        stores.presence().recordConnections("alice", 1);
        assertThat(stores.presence().agentsIdleFor(Duration.ofSeconds(30))).isEmpty();
    }

    @Test
    void aReplicaThatStopsCleanlyClearsItsConnections() throws Exception {
        Stores one = replica(Duration.ofSeconds(1));
        Stores two = replica(Duration.ofSeconds(1));
        one.presence().recordConnections("alice", 2);
        one.close();
        replicas.remove(one);
        assertThat(two.presence().agent("alice").connections()).isZero();
    }

    @Test
    void aMembershipChangedOnOneReplicaAppliesOnAnotherAtOnce() {
        LiveDeskConfig config = TestConfig.with(Map.of("livedesk.agents.bob.password-hash",
                "$2a$10$vu0PHiK1pHx2Q4C.8N2NueBeWmAJj.vePomVgau2kmDv4RXwfgt7a"));
        AgentDirectory agents = new AgentDirectory(config);
        Stores first = replica(Duration.ofMinutes(1));
        Stores second = replica(Duration.ofMinutes(1));
        InboxService here = new InboxService(first.inboxes(), agents, first.bus(), config, Clocks.system());
        InboxService there = new InboxService(second.inboxes(), agents, second.bus(), config, Clocks.system());
        String inboxId = here.create(new InboxRequest("Shop B", List.of(), false, null, null, null)).id();
        String agent = "bob";

        here.setMembers(inboxId, new MembersRequest(List.of(agent)));
        await().atMost(Duration.ofSeconds(10)).until(() -> there.isMember(agent, inboxId));

        here.setMembers(inboxId, new MembersRequest(List.of()));
        await().atMost(Duration.ofSeconds(10)).until(() -> !there.isMember(agent, inboxId));
    }
}
