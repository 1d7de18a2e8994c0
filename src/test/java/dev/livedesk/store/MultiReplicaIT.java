package dev.livedesk.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livedesk.event.StreamKey;
import dev.livedesk.support.AppProcess;
import dev.livedesk.support.Postgres;
import dev.livedesk.support.SseClient;
import dev.livedesk.support.SseEvent;
import dev.livedesk.support.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
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

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
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
                subscribers.add(new Subscriber("conversation " + conversation.id + " from " + replica,
                        "/api/conversations/" + conversation.id + "/events", conversation.token, replica,
                        StreamKey.conversation(conversation.id)));
            }
        }
        subscribers.add(new Subscriber("agents alice", "/api/agents/events", alice, 0, StreamKey.AGENTS));
        subscribers.add(new Subscriber("agents bob", "/api/agents/events", bob, 1, StreamKey.AGENTS));

        ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor();
        supervisor.scheduleWithFixedDelay(() -> subscribers.forEach(Subscriber::reconnectIfEnded), 20, 20,
                TimeUnit.MILLISECONDS);
        AtomicBoolean posting = new AtomicBoolean(true);
        Map<String, Set<Long>> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger posts = new AtomicInteger();
        ExecutorService posters = Executors.newFixedThreadPool(4);
        try (PrintWriter acks = new PrintWriter(Files.newBufferedWriter(LOGS.resolve("acknowledged.log")), true)) {
            List<Future<?>> running = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                int poster = p;
                running.add(posters.submit(() -> {
                    int n = 0;
                    while (posting.get()) {
                        Started conversation = conversations.get(ThreadLocalRandom.current().nextInt(conversations.size()));
                        String clientMessageId = "poster-" + poster + "-" + n++;
                        long eventId = postUntilAcknowledged(conversation, "message " + clientMessageId, clientMessageId);
                        acknowledged.computeIfAbsent(conversation.id, id -> ConcurrentHashMap.newKeySet()).add(eventId);
                        acks.println(conversation.id + " " + clientMessageId + " " + eventId);
                        posts.incrementAndGet();
                    }
                }));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> posts.get() >= 100);
            replicas.get(0).kill();
            await().atMost(Duration.ofSeconds(30)).until(() -> posts.get() >= 200);
            database.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                    + "livedesk-listener'");
            for (Started conversation : conversations.subList(0, 3)) {
                subscribers.add(new Subscriber("late to " + conversation.id, "/api/conversations/" + conversation.id
                        + "/events", conversation.token, 1, StreamKey.conversation(conversation.id)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> posts.get() >= 300);
            replicas.get(0).start();
            replicas.get(0).awaitReady();
            for (Started conversation : conversations.subList(3, 6)) {
                subscribers.add(new Subscriber("late to " + conversation.id, "/api/conversations/" + conversation.id
                        + "/events", conversation.token, 0, StreamKey.conversation(conversation.id)));
            }
            int afterRestart = posts.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> posts.get() >= afterRestart + 100);
            AppProcess drained = replicas.get(1);
            drained.terminate();
            await().atMost(Duration.ofSeconds(30)).until(() -> !drained.isAlive());
            int afterDrain = posts.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> posts.get() >= afterDrain + 100);
            drained.start();
            drained.awaitReady();
            int afterSecondRestart = posts.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> posts.get() >= afterSecondRestart + 100);
            posting.set(false);
            for (Future<?> poster : running) {
                poster.get(30, TimeUnit.SECONDS);
            }

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> subscribers.stream().allMatch(Subscriber::hasEverythingStored));
            try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(LOGS.resolve("delivered.log")))) {
                subscribers.forEach(subscriber -> log.println(subscriber.name + " " + subscriber.received()));
            }
            for (Subscriber subscriber : subscribers) {
                assertThat(subscriber.received()).as(subscriber.name).isEqualTo(subscriber.stored());
                assertThat(subscriber.resets()).as(subscriber.name + " resets").isEmpty();
            }
            for (Started conversation : conversations) {
                assertThat(storedMessageIds(conversation.id)).as("messages of " + conversation.id)
                        .containsExactlyInAnyOrderElementsOf(acknowledged.getOrDefault(conversation.id, Set.of()));
            }
            assertThat(subscribers).allMatch(subscriber -> subscriber.connections.get() >= 1);
            assertThat(subscribers.stream().filter(subscriber -> subscriber.connections.get() > 1))
                    .as("subscribers that reconnected").isNotEmpty();
        } finally {
            posting.set(false);
            posters.shutdownNow();
            supervisor.shutdownNow();
            subscribers.forEach(Subscriber::close);
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
                    get(two, "/api/conversations/" + started.id, started.token).at("/conversation/assigneeId").asText()));
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
        try (SseClient watcher = SseClient.open(two.uri("/api/conversations/" + started.id + "/events"), started.token)) {
            assertThat(watcher.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(send(one, "POST", "/api/conversations/" + started.id + "/typing", started.token,
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
                        + " AND to_agents AND data LIKE '%\"change\":\"assigned\"%'", conversation.id);
                assertThat(joined).as("assignments of " + conversation.id).isLessThanOrEqualTo(1);
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
        private final String path;
        private final String token;
        private final StreamKey stream;
        private final List<SseEvent> earlier = new CopyOnWriteArrayList<>();
        private final AtomicInteger connections = new AtomicInteger();
        private volatile SseClient current;
        private int replica;

        Subscriber(String name, String path, String token, int replica, StreamKey stream) {
            this.name = name;
            this.path = path;
            this.token = token;
            this.replica = replica;
            this.stream = stream;
            connect();
        }

        synchronized void reconnectIfEnded() {
            if (current == null || current.ended()) {
                if (current != null) {
                    earlier.addAll(current.events());
                }
                current = null;
                replica = 1 - replica;
                connect();
            }
        }

        private void connect() {
            List<Long> ids = received();
            Map<String, String> headers = ids.isEmpty() ? Map.of("Authorization", "Bearer " + token)
                    : Map.of("Authorization", "Bearer " + token, "Last-Event-ID", Long.toString(ids.get(ids.size() - 1)));
            try {
                SseClient client = SseClient.open(replicas.get(replica).uri(path), headers);
                if (client.status() == 200) {
                    current = client;
                    connections.incrementAndGet();
                } else {
                    client.close();
                }
            } catch (IllegalStateException refused) {
                current = null;
            }
        }

        List<Long> received() {
            List<Long> ids = new ArrayList<>();
            earlier.stream().filter(event -> event.id() != null).forEach(event -> ids.add(event.numericId()));
            SseClient now = current;
            if (now != null) {
                ids.addAll(now.ids());
            }
            return ids;
        }

        List<SseEvent> resets() {
            List<SseEvent> resets = new ArrayList<>(earlier.stream().filter(e -> e.event().equals("reset")).toList());
            SseClient now = current;
            if (now != null) {
                resets.addAll(now.events("reset"));
            }
            return resets;
        }

        /** The ids of the stream's events in the database. */
        List<Long> stored() {
            return stream.isAgents() ? numbers("SELECT id FROM events WHERE to_agents ORDER BY id")
                    : numbers("SELECT id FROM events WHERE conversation_id = ? AND to_customer ORDER BY id", stream.conversationId());
        }

        boolean hasEverythingStored() {
            return new HashSet<>(received()).containsAll(stored());
        }

        synchronized void close() {
            if (current != null) {
                current.close();
            }
        }
    }

    private record Started(String id, String token) {
    }

    /** Posts until some replica acknowledges, with the same clientMessageId each time; returns the event id. */
    private static long postUntilAcknowledged(Started conversation, String text, String clientMessageId) {
        String body = "{\"text\":\"" + text + "\",\"clientMessageId\":\"" + clientMessageId + "\"}";
        int replica = ThreadLocalRandom.current().nextInt(2);
        for (int attempt = 0; attempt < 200; attempt++) {
            try {
                HttpResponse<String> response = send(replicas.get(replica), "POST",
                        "/api/conversations/" + conversation.id + "/messages", conversation.token, body);
                if (response.statusCode() == 201 || response.statusCode() == 200) {
                    return JSON.readTree(response.body()).path("eventId").asLong();
                }
            } catch (IOException e) {
                // the replica is down or went down mid-request: the same clientMessageId goes to the other one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            replica = 1 - replica;
        }
        throw new IllegalStateException("no replica acknowledged " + clientMessageId);
    }

    private static Started start(AppProcess replica, String customerName) {
        try {
            HttpResponse<String> response = send(replica, "POST", "/api/conversations", null,
                    "{\"customerName\":\"" + customerName + "\"}");
            assertThat(response.statusCode()).isEqualTo(201);
            JsonNode body = JSON.readTree(response.body());
            return new Started(body.at("/conversation/id").asText(), body.path("token").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String login(AppProcess replica, String agent) throws Exception {
        String password = TestApi.PASSWORDS.get(agent);
        HttpResponse<String> response = send(replica, "POST", "/api/agents/login", null,
                "{\"username\":\"" + agent + "\",\"password\":\"" + password + "\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("token").asText();
    }

    private static void setStatus(AppProcess replica, String token, String status) throws Exception {
        assertThat(send(replica, "PUT", "/api/agents/me/status", token, "{\"status\":\"" + status + "\"}").statusCode())
                .isEqualTo(200);
    }

    private static JsonNode get(AppProcess replica, String path, String token) throws Exception {
        return JSON.readTree(send(replica, "GET", path, token, null).body());
    }

    private static HttpResponse<String> send(AppProcess replica, String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(replica.uri(path)).timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Long> storedMessageIds(String conversationId) {
        return numbers("SELECT event_id FROM messages WHERE conversation_id = ? ORDER BY event_id", conversationId);
    }

    private static long countRows(String sql, String... parameters) {
        return numbers(sql, parameters).get(0);
    }

    /** The first column of every row the query returns, as numbers. */
    private static List<Long> numbers(String sql, String... parameters) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            List<Long> values = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getLong(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
