package dev.livedesk.store;

import dev.livedesk.agent.AgentPresence;
import dev.livedesk.agent.AgentStatus;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.Message;
import dev.livedesk.chat.Sender;
import dev.livedesk.support.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The PostgreSQL store against a real PostgreSQL, with two store instances on one database standing for two
 * replicas.
 */
class PostgresChatStoreTest {

    private Postgres.Database database;
    private final List<PostgresChatStore> stores = new ArrayList<>();

    @BeforeEach
    void database() {
        database = Postgres.newDatabase().migrated();
    }

    @AfterEach
    void close() {
        stores.forEach(PostgresChatStore::close);
    }

    /** A replica's store; only notifications and its own commits wake it unless the poll interval is short. */
    private PostgresChatStore replica(Duration pollInterval) {
        PostgresChatStore store = new PostgresChatStore(database.dataSource(),
                () -> database.dataSource().getConnection(), pollInterval, Duration.ofSeconds(3));
        stores.add(store);
        return store;
    }

    private static String conversation(ChatStore store, String id) {
        store.createConversation(Conversation.open(id, "cust-" + id, "Ann", null, ConversationStatus.QUEUED,
                Instant.now()), new EventDraft(EventTypes.CONVERSATION, id, "{\"id\":\"" + id + "\"}"));
        return id;
    }

    private static MessageAppend message(ChatStore store, String conversationId, String clientMessageId) {
        Message message = new Message("m-" + System.nanoTime(), conversationId, Sender.customer("cust", "Ann"), "hi",
                Instant.now(), clientMessageId);
        return store.appendMessage(message, new EventDraft(EventTypes.MESSAGE, conversationId, "{\"text\":\"hi\"}"));
    }

    @Test
    void keepsConversationsMessagesAndEventsForAnotherReplicaToRead() {
        PostgresChatStore writer = replica(Duration.ofSeconds(1));
        PostgresChatStore reader = replica(Duration.ofSeconds(1));
        conversation(writer, "c1");
        MessageAppend first = message(writer, "c1", "client-1");
        writer.change("c1", current -> Optional.of(new Change(current.moveTo(ConversationStatus.ASSIGNED, "alice",
                Instant.now()), List.of(Change.Emit.event(new EventDraft(EventTypes.CONVERSATION, "c1", "{}"))))));

        Conversation stored = reader.conversation("c1").orElseThrow();
        assertThat(stored.status()).isEqualTo(ConversationStatus.ASSIGNED);
        assertThat(stored.assigneeId()).isEqualTo("alice");
        assertThat(reader.messages("c1", 0, 10)).extracting(entry -> entry.message().text()).containsExactly("hi");
        assertThat(reader.conversations(ConversationStatus.ASSIGNED, "alice")).extracting(Conversation::id)
                .containsExactly("c1");
        assertThat(reader.replay(StreamKey.conversation("c1"), 0, Long.MAX_VALUE, 10).events())
                .extracting(StoredEvent::type).containsExactly("conversation", "message", "conversation");
        assertThat(reader.lastEventId("c1")).isEqualTo(reader.lastEventId()).isGreaterThan(first.event().id());
    }

    @Test
    void aRepeatedClientMessageIdStoresNothingAndReturnsTheOriginal() {
        PostgresChatStore store = replica(Duration.ofSeconds(1));
        conversation(store, "c1");
        MessageAppend original = message(store, "c1", "same");
        MessageAppend repeat = message(replica(Duration.ofSeconds(1)), "c1", "same");
        assertThat(repeat.created()).isFalse();
        assertThat(repeat.entry().eventId()).isEqualTo(original.entry().eventId());
        assertThat(store.messages("c1", 0, 10)).hasSize(1);
    }

    @Test
    void refusesUnknownConversationsAndDuplicateIdsWithoutWritingAnything() {
        PostgresChatStore store = replica(Duration.ofSeconds(1));
        conversation(store, "c1");
        long last = store.lastEventId();
        assertThatThrownBy(() -> message(store, "nope", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> conversation(store, "c1")).isInstanceOf(IllegalStateException.class);
        assertThat(store.lastEventId()).isEqualTo(last);
    }

    @Test
    void replayKeepsTheNewestAndSaysWhenItCut() {
        PostgresChatStore store = replica(Duration.ofSeconds(1));
        conversation(store, "c1");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(message(store, "c1", null).event().id());
        }
        Replay replay = store.replay(StreamKey.conversation("c1"), 0, Long.MAX_VALUE, 3);
        assertThat(replay.truncated()).isTrue();
        assertThat(replay.events()).extracting(StoredEvent::id).containsExactlyElementsOf(ids.subList(2, 5));
        Replay tail = store.replay(StreamKey.conversation("c1"), ids.get(2), ids.get(3), 3);
        assertThat(tail.truncated()).isFalse();
        assertThat(tail.events()).extracting(StoredEvent::id).containsExactly(ids.get(3));
    }

    @Test
    void everyReplicaDeliversEveryCommittedEventOnceInIdOrderUnderConcurrentWriters() throws Exception {
        PostgresChatStore one = replica(Duration.ofSeconds(1));
        PostgresChatStore two = replica(Duration.ofSeconds(1));
        List<Long> seenByOne = new CopyOnWriteArrayList<>();
        List<Long> seenByTwo = new CopyOnWriteArrayList<>();
        long startOne = one.addListener(event -> seenByOne.add(event.id()));
        long startTwo = two.addListener(event -> seenByTwo.add(event.id()));
        for (int c = 0; c < 4; c++) {
            conversation(c % 2 == 0 ? one : two, "c" + c);
        }
        ConcurrentLinkedQueue<Long> committed = new ConcurrentLinkedQueue<>();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                ChatStore store = w % 2 == 0 ? one : two;
                String conversationId = "c" + (w % 4);
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        committed.add(message(store, conversationId, null).event().id());
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
        PostgresChatStore listening = replica(Duration.ofMinutes(10));
        PostgresChatStore writing = replica(Duration.ofMinutes(10));
        List<Long> seen = new CopyOnWriteArrayList<>();
        listening.addListener(event -> seen.add(event.id()));
        conversation(writing, "c1");
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);

        List<Long> written = new ArrayList<>();
        database.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                + PostgresFeed.LISTENER_NAME + "'");
        for (int i = 0; i < 20; i++) {
            written.add(message(writing, "c1", null).event().id());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.containsAll(written));
        assertThat(seen).doesNotHaveDuplicates().isSorted().hasSize(21);
        assertThat(listening.feed().reconnects()).isPositive();
    }

    @Test
    void ephemeralEventsReachEveryReplica() {
        PostgresChatStore one = replica(Duration.ofSeconds(1));
        PostgresChatStore two = replica(Duration.ofSeconds(1));
        PostgresEphemeralBus busOne = new PostgresEphemeralBus(one, new com.fasterxml.jackson.databind.ObjectMapper());
        PostgresEphemeralBus busTwo = new PostgresEphemeralBus(two, new com.fasterxml.jackson.databind.ObjectMapper());
        List<Ephemeral> onOne = new CopyOnWriteArrayList<>();
        List<Ephemeral> onTwo = new CopyOnWriteArrayList<>();
        busOne.addListener(onOne::add);
        busTwo.addListener(onTwo::add);
        Ephemeral typing = new Ephemeral(StreamKey.conversation("c1"), EventTypes.TYPING, "{\"typing\":true}");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            busOne.publish(typing);
            assertThat(onTwo).contains(typing);
        });
        assertThat(onOne).contains(typing);
    }

    @Test
    void anAgentIsConnectedWhileAnyLiveReplicaHoldsOneOfItsConnections() {
        PostgresChatStore one = replica(Duration.ofSeconds(1));
        PostgresChatStore two = replica(Duration.ofSeconds(1));
        one.recordConnections("alice", 2);
        two.recordConnections("alice", 1);
        assertThat(two.agent("alice").connections()).isEqualTo(3);
        one.recordConnections("alice", 0);
        assertThat(one.agent("alice").connections()).isEqualTo(1);
        assertThat(one.agent("bob")).isEqualTo(AgentPresence.unknown("bob"));
    }

    @Test
    void connectionsOfAReplicaThatStoppedRenewingItsLeaseNoLongerCountAndItsAgentsGoIdle() {
        PostgresChatStore store = replica(Duration.ofSeconds(1));
        store.changeAgent("alice", current -> Optional.of(new AgentChange(current.with(AgentStatus.ONLINE, null),
                List.of())));
        database.execute("INSERT INTO agent_connections VALUES ('gone-replica', 'alice', 1, now() - interval '1 hour', "
                + "now() - interval '1 minute')");
        assertThat(store.agent("alice").connections()).isZero();
        assertThat(store.agentsIdleFor(Duration.ofSeconds(30))).containsExactly("alice");
        store.recordConnections("alice", 1);
        assertThat(store.agentsIdleFor(Duration.ofSeconds(30))).isEmpty();
    }

    @Test
    void anAgentChangeStoresItsStatusAndEventsTogether() {
        PostgresChatStore store = replica(Duration.ofSeconds(1));
        conversation(store, "c1");
        List<StoredEvent> stored = store.changeAgent("alice", current -> Optional.of(new AgentChange(
                current.with(AgentStatus.AWAY, AgentStatus.ONLINE), List.of(
                        new EventDraft(EventTypes.AGENT_STATUS, null, "{}"),
                        new EventDraft(EventTypes.AGENT_STATUS, "c1", "{}", false)))));
        assertThat(stored).hasSize(2);
        AgentPresence alice = store.agent("alice");
        assertThat(alice.status()).isEqualTo(AgentStatus.AWAY);
        assertThat(alice.restoreStatus()).isEqualTo(AgentStatus.ONLINE);
        assertThat(store.agents()).containsExactly(alice);
        assertThat(store.replay(StreamKey.AGENTS, 0, Long.MAX_VALUE, 10).events()).extracting(StoredEvent::id)
                .contains(stored.get(0).id()).doesNotContain(stored.get(1).id());
    }

    @Test
    void exclusiveWorkNeverOverlapsAcrossReplicas() throws Exception {
        PostgresChatStore one = replica(Duration.ofSeconds(1));
        PostgresChatStore two = replica(Duration.ofSeconds(1));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                ChatStore store = t % 2 == 0 ? one : two;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        store.exclusively("routing", () -> {
                            if (inside.incrementAndGet() > 1) {
                                overlaps.incrementAndGet();
                            }
                            store.lastEventId();
                            runs.incrementAndGet();
                            inside.decrementAndGet();
                        });
                    }
                }));
            }
            for (Future<?> thread : done) {
                thread.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(runs).hasValue(40);
        assertThat(overlaps).hasValue(0);
    }
}
