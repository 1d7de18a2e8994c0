package dev.livedesk.store;

import dev.livedesk.event.StreamKey;
import dev.livedesk.support.AppProcess;
import dev.livedesk.support.Postgres;
import dev.livedesk.support.Posters;
import dev.livedesk.support.SseClient;
import dev.livedesk.support.ProcessApi;
import dev.livedesk.support.ResumingStream;
import dev.livedesk.support.TestApi.Started;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.livedesk.support.ProcessApi.get;
import static dev.livedesk.support.ProcessApi.login;
import static dev.livedesk.support.ProcessApi.send;
import static dev.livedesk.support.ProcessApi.start;
import static org.awaitility.Awaitility.await;

/**
 * Two packaged replicas as separate processes on one PostgreSQL, with subscribers and posters on both, under faults:
 * one replica killed with SIGKILL and restarted mid-run, the listening connections terminated by the database, then
 * the other replica stopped with SIGTERM (a graceful drain, as in a rolling update) and restarted.
 * Every acknowledged POST and every delivered event is logged to target/multi-replica/; every subscriber must end
 * up with every event of its stream exactly once, in order.
 *
 * <p>The tests share the replicas and run in a fixed order, because routing takes the oldest queued conversation
 * first: the test that needs a conversation assigned runs before those that leave conversations in the queue.
 */
@Tag("multi-replica")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiReplicaIT {

    private static final Path LOGS = Path.of("target", "multi-replica");

    private static Postgres.Database database;
    private static List<AppProcess> replicas;

    @BeforeAll
    static void startReplicas() throws IOException {
        Files.createDirectories(LOGS);
        database = Postgres.newDatabase();
        Map<String, String> settings = Map.of("livedesk.store", "postgres",
                "quarkus.datasource.jdbc.url", database.url(),
                "quarkus.datasource.username", database.user(),
                "quarkus.datasource.password", database.password(),
                "livedesk.postgres.replica-lease", "3s",
                "livedesk.stream.max-replay", "10000");
        replicas = List.of(AppProcess.start("replica-1", settings), AppProcess.start("replica-2", settings));
        replicas.forEach(AppProcess::awaitReady);
    }

    @AfterAll
    static void stopReplicas() {
        replicas.forEach(AppProcess::close);
    }

    @Test
    @Order(4)
    void everySubscriberGetsEveryEventOfItsStreamOnceInOrderThroughAKillADrainRestartsAndLostListeners() throws Exception {
        List<Started> conversations = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            conversations.add(start(replicas.get(i % 2), "Customer " + i));
        }
        String alice = login(replicas.get(0), "alice");
        String bob = login(replicas.get(1), "bob");
        List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
        for (Started conversation : conversations) {
            for (int replica = 0; replica < 2; replica++) {
                subscribers.add(new Subscriber("conversation " + conversation.id() + " from " + replica,
                        "/api/conversations/" + conversation.id() + "/events", conversation.token(), replica,
                        StreamKey.conversation(conversation.id())));
            }
        }
        subscribers.add(new Subscriber("agents alice", "/api/agents/events", alice, 0, StreamKey.AGENTS));
        subscribers.add(new Subscriber("agents bob", "/api/agents/events", bob, 1, StreamKey.AGENTS));

        ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor();
        supervisor.scheduleWithFixedDelay(() -> subscribers.forEach(subscriber -> subscriber.resuming.reconnectIfEnded()), 20, 20,
                TimeUnit.MILLISECONDS);
        try (PrintWriter acks = new PrintWriter(Files.newBufferedWriter(LOGS.resolve("acknowledged.log")), true);
             Posters posters = Posters.start(4, conversations, alternating(), ack -> acks.println(
                     ack.conversationId() + " " + ack.clientMessageId() + " " + ack.eventId()))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> posters.posts() >= 100);
            replicas.get(0).kill();
            await().atMost(Duration.ofSeconds(30)).until(() -> posters.posts() >= 200);
            database.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                    + "livedesk-listener'");
            for (Started conversation : conversations.subList(0, 3)) {
                subscribers.add(new Subscriber("late to " + conversation.id(), "/api/conversations/" + conversation.id()
                        + "/events", conversation.token(), 1, StreamKey.conversation(conversation.id())));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> posters.posts() >= 300);
            replicas.get(0).start();
            replicas.get(0).awaitReady();
            for (Started conversation : conversations.subList(3, 6)) {
                subscribers.add(new Subscriber("late to " + conversation.id(), "/api/conversations/" + conversation.id()
                        + "/events", conversation.token(), 0, StreamKey.conversation(conversation.id())));
            }
            int afterRestart = posters.posts();
            await().atMost(Duration.ofSeconds(30)).until(() -> posters.posts() >= afterRestart + 100);
            AppProcess drained = replicas.get(1);
            drained.terminate();
            await().atMost(Duration.ofSeconds(30)).until(() -> !drained.isAlive());
            int afterDrain = posters.posts();
            await().atMost(Duration.ofSeconds(30)).until(() -> posters.posts() >= afterDrain + 100);
            drained.start();
            drained.awaitReady();
            int afterSecondRestart = posters.posts();
            await().atMost(Duration.ofSeconds(30)).until(() -> posters.posts() >= afterSecondRestart + 100);
            posters.stop(Duration.ofSeconds(30));

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> subscribers.stream().allMatch(Subscriber::hasEverythingStored));
            try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(LOGS.resolve("delivered.log")))) {
                subscribers.forEach(subscriber -> log.println(subscriber.name + " " + subscriber.resuming.received()));
            }
            for (Subscriber subscriber : subscribers) {
                assertThat(subscriber.resuming.received()).as(subscriber.name).isEqualTo(subscriber.stored());
                assertThat(subscriber.resuming.resets()).as(subscriber.name + " resets").isEmpty();
            }
            for (Started conversation : conversations) {
                assertThat(storedMessageIds(conversation.id())).as("messages of " + conversation.id())
                        .containsExactlyInAnyOrderElementsOf(posters.acknowledged(conversation.id()));
            }
            assertThat(subscribers).allMatch(subscriber -> subscriber.resuming.connections() >= 1);
            assertThat(subscribers.stream().filter(subscriber -> subscriber.resuming.connections() > 1))
                    .as("subscribers that reconnected").isNotEmpty();
        } finally {
            supervisor.shutdownNow();
            subscribers.forEach(subscriber -> subscriber.resuming.close());
        }
    }

    @Test
    @Order(1)
    void anAgentOnlineThroughOneReplicaIsAssignedAConversationStartedOnTheOther() throws Exception {
        AppProcess one = replicas.get(0);
        AppProcess two = replicas.get(1);
        String carol = login(one, "carol");
        try (SseClient agentStream = SseClient.open(one.uri("/api/agents/events"), carol)) {
            assertThat(agentStream.status()).isEqualTo(200);
            setStatus(one, carol, "ONLINE");
            Started started = start(two, "Cross");
            await().atMost(Duration.ofSeconds(10)).until(() -> "carol".equals(
                    get(two, "/api/conversations/" + started.id(), started.token()).at("/conversation/assigneeId").asText()));
        } finally {
            setStatus(one, carol, "OFFLINE");
        }
    }

    @Test
    @Order(3)
    void typingOnOneReplicaReachesSubscribersOfTheOther() throws Exception {
        AppProcess one = replicas.get(0);
        AppProcess two = replicas.get(1);
        Started started = start(one, "Typist");
        try (SseClient watcher = SseClient.open(two.uri("/api/conversations/" + started.id() + "/events"), started.token())) {
            assertThat(watcher.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(send(one, "POST", "/api/conversations/" + started.id() + "/typing", started.token(),
                        "{\"typing\":true}").statusCode()).isEqualTo(204);
                assertThat(watcher.events("typing")).isNotEmpty();
            });
        }
    }

    @Test
    @Order(2)
    void concurrentRoutingOnBothReplicasAssignsEachConversationOnceWithinCapacity() throws Exception {
        AppProcess one = replicas.get(0);
        AppProcess two = replicas.get(1);
        String dave = login(two, "dave");
        setStatus(two, dave, "ONLINE");
        List<Started> started = new CopyOnWriteArrayList<>();
        ExecutorService customers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                AppProcess replica = i % 2 == 0 ? one : two;
                int n = i;
                done.add(customers.submit(() -> started.add(start(replica, "Rush " + n))));
            }
            for (Future<?> customer : done) {
                customer.get(30, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> assignedTo("dave") == 5);
            for (Started conversation : started) {
                long joined = countRows("SELECT count(*) FROM events WHERE conversation_id = ? AND type = 'conversation'"
                        + " AND to_agents AND data LIKE '%\"change\":\"assigned\"%'", conversation.id());
                assertThat(joined).as("assignments of " + conversation.id()).isLessThanOrEqualTo(1);
            }
            assertThat(assignedTo("dave")).as("capacity").isEqualTo(5);
        } finally {
            customers.shutdownNow();
            setStatus(two, dave, "OFFLINE");
        }
    }

    private static long assignedTo(String agent) {
        return countRows("SELECT count(*) FROM conversations WHERE status = 'ASSIGNED' AND assignee_id = ?", agent);
    }

    /** A client that follows one stream across replicas, resuming with Last-Event-ID, as a browser would. */
    private static final class Subscriber {
        private final String name;
        private final StreamKey stream;
        private final ResumingStream resuming;

        /** Connects to the given replica first, then to the other one and back each time the stream ends. */
        Subscriber(String name, String path, String token, int replica, StreamKey stream) {
            this.name = name;
            this.stream = stream;
            int[] next = {replica};
            this.resuming = new ResumingStream(() -> {
                URI target = replicas.get(next[0]).uri(path);
                next[0] = 1 - next[0];
                return target;
            }, token);
        }

        /** The ids of the stream's events in the database. */
        List<Long> stored() {
            return stream.isAgents() ? numbers("SELECT id FROM events WHERE to_agents ORDER BY id")
                    : numbers("SELECT id FROM events WHERE conversation_id = ? AND to_customer ORDER BY id", stream.conversationId());
        }

        boolean hasEverythingStored() {
            return new HashSet<>(resuming.received()).containsAll(stored());
        }
    }




    private static void setStatus(AppProcess replica, String token, String status) throws Exception {
        assertThat(send(replica, "PUT", "/api/agents/me/status", token, "{\"status\":\"" + status + "\"}").statusCode())
                .isEqualTo(200);
    }



    private static List<Long> storedMessageIds(String conversationId) {
        return numbers("SELECT event_id FROM messages WHERE conversation_id = ? ORDER BY event_id", conversationId);
    }

    private static long countRows(String sql, String... parameters) {
        return numbers(sql, parameters).get(0);
    }

    /**
     * Each call another replica, beginning with a random one: a post that fails goes to the other. Shared by the
     * posters' threads.
     */
    private static Supplier<AppProcess> alternating() {
        AtomicInteger next = new AtomicInteger(ThreadLocalRandom.current().nextInt(2));
        return () -> replicas.get(next.getAndIncrement() & 1);
    }

    private static List<Long> numbers(String sql, String... parameters) {
        try (Connection connection = database.dataSource().getConnection()) {
            return ProcessApi.numbers(connection, sql, parameters);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
