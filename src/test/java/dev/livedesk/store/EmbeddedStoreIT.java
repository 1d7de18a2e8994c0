package dev.livedesk.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livedesk.support.AppProcess;
import dev.livedesk.support.Directories;
import dev.livedesk.support.Posters;
import dev.livedesk.support.SseClient;
import dev.livedesk.support.ResumingStream;
import dev.livedesk.support.TestApi.Started;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.livedesk.support.ProcessApi.login;
import static dev.livedesk.support.ProcessApi.numbers;
import static dev.livedesk.support.ProcessApi.postUntilAcknowledged;
import static dev.livedesk.support.ProcessApi.send;
import static dev.livedesk.support.ProcessApi.start;
import static org.awaitility.Awaitility.await;

/**
 * The packaged service with its default store (the embedded PostgreSQL, in {@code data} under its working directory)
 * and the prod profile, as an operator runs it: killed under load, started over a database process the killed one left,
 * two services on one directory, SIGTERM while running and while starting. The only settings given are a signing key,
 * one agent, rate limits high enough for the load and a short drain.
 */
@Tag("packaged")
class EmbeddedStoreIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SETTINGS = Map.of(
            "quarkus.profile", "prod",
            "livedesk.auth.signing-key", "an-integration-test-key-that-is-long-enough-0123",
            "livedesk.auth.secure-cookie", "false",
            "livedesk.agents.alice.password-hash", "$2a$10$XTNqcTST8oxGh4JY2qyEgesOvtLwaMpUy3IoPc16pcjCFpGkN.av.",
            "livedesk.agents.alice.display-name", "Alice",
            "livedesk.limits.messages-per-minute", "100000",
            "livedesk.limits.conversations-per-minute", "1000",
            "livedesk.shutdown.drain", "1s");

    private final List<AppProcess> started = new ArrayList<>();

    @AfterEach
    void stopServices() {
        for (AppProcess service : started) {
            if (service.isAlive()) {
                service.terminate();
                await().atMost(Duration.ofSeconds(60)).until(() -> !service.isAlive());
            }
        }
    }

    private AppProcess service(String name, Path directory) {
        AppProcess service = AppProcess.in(name, directory, SETTINGS);
        started.add(service);
        return service;
    }

    /** A service on its own directory, started and ready. */
    private AppProcess ready(String name, Path directory) {
        AppProcess service = service(name, directory);
        service.start();
        service.awaitReady();
        return service;
    }

    private static Path emptyDirectory(String name) throws IOException {
        return Directories.empty(Path.of("target", "embedded-it", name));
    }

    @Test
    void killedUnderLoadItLosesNoAcknowledgedMessageAndStreamsResumeWithoutAReset() throws Exception {
        Path directory = emptyDirectory("kill");
        AppProcess service = ready("embedded-kill", directory);
        List<Started> conversations = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            conversations.add(start(service, "Customer " + i));
        }
        String alice = login(service, "alice");
        List<Follower> followers = new CopyOnWriteArrayList<>();
        for (Started conversation : conversations) {
            followers.add(new Follower(service, "/api/conversations/" + conversation.id() + "/events",
                    conversation.token(), conversation.id()));
        }
        followers.add(new Follower(service, "/api/agents/events", alice, null));
        ScheduledExecutorService reconnector = Executors.newSingleThreadScheduledExecutor();
        reconnector.scheduleWithFixedDelay(() -> followers.forEach(follower -> follower.stream.reconnectIfEnded()), 50, 50,
                TimeUnit.MILLISECONDS);
        Posters posters = Posters.start(3, conversations, () -> service, ack -> { });
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> posters.posts() >= 150);
            long databaseBefore = postmasterPid(directory);

            service.kill();

            assertThat(ProcessHandle.of(databaseBefore).map(ProcessHandle::isAlive).orElse(false))
                    .as("the database process the killed service left").isTrue();
            service.start();
            service.awaitReady();
            assertThat(Files.readString(service.log(2))).contains("Reusing the database server left running");
            int afterRestart = posters.posts();
            await().atMost(Duration.ofSeconds(60)).until(() -> posters.posts() >= afterRestart + 100);
            posters.stop(Duration.ofSeconds(60));

            try (Connection database = connect(directory)) {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> followers.stream().allMatch(follower -> follower.hasEverything(database)));
                for (Follower follower : followers) {
                    assertThat(follower.stream.received()).as(follower.path).isEqualTo(follower.stored(database));
                    assertThat(follower.stream.resets()).as(follower.path + " resets").isEmpty();
                    assertThat(follower.stream.connections()).as(follower.path + " connections").isGreaterThan(1);
                }
                for (Started conversation : conversations) {
                    assertThat(numbers(database, "SELECT event_id FROM messages WHERE conversation_id = ?",
                            conversation.id())).as("messages of " + conversation.id())
                            .containsAll(posters.acknowledged(conversation.id()));
                }
            }
        } finally {
            posters.close();
            reconnector.shutdownNow();
            followers.forEach(Follower::close);
        }
    }

    @Test
    void anAgentOnlineBeforeAKillIsAssignedACustomerAfterTheRestartOnceTheirStreamIsBack() throws Exception {
        Path directory = emptyDirectory("presence");
        AppProcess service = ready("embedded-presence", directory);
        String alice = login(service, "alice");
        try (SseClient before = SseClient.open(service.uri("/api/agents/events"), alice)) {
            assertThat(before.status()).isEqualTo(200);
            assertThat(send(service, "PUT", "/api/agents/me/status", alice, "{\"status\":\"ONLINE\"}").statusCode())
                    .isEqualTo(200);
        }

        service.kill();
        service.start();
        service.awaitReady();

        try (SseClient after = SseClient.open(service.uri("/api/agents/events"), alice)) {
            assertThat(after.status()).isEqualTo(200);
            assertThat(JSON.readTree(send(service, "GET", "/api/agents/me", alice, null).body()).path("status").asText())
                    .isEqualTo("ONLINE");
            Started customer = start(service, "After the restart");
            postUntilAcknowledged(() -> service, customer, "I want to talk to a person", "handoff");
            await().atMost(Duration.ofSeconds(20)).until(() -> "alice".equals(JSON.readTree(send(service, "GET",
                    "/api/conversations/" + customer.id(), customer.token(), null).body())
                    .at("/conversation/assigneeId").asText()));
        }
    }

    @Test
    void aSecondServiceOnTheSameDataDirectoryIsRefusedWithAClearMessage() throws Exception {
        Path directory = emptyDirectory("two");
        AppProcess first = service("embedded-first", directory);
        first.start();
        first.awaitReady();

        AppProcess second = service("embedded-second", directory);
        second.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> !second.isAlive());
        assertThat(second.exitValue()).isNotZero();
        assertThat(Files.readString(second.log(1))).contains("is in use by another LiveDesk")
                .contains("livedesk.embedded.data-dir");
        assertThat(first.status("/q/health/ready")).isEqualTo(200);
    }

    @Test
    void sigtermStopsTheDatabaseCleanly() throws Exception {
        Path directory = emptyDirectory("sigterm");
        AppProcess service = ready("embedded-sigterm", directory);
        long database = postmasterPid(directory);

        service.terminate();

        await().atMost(Duration.ofSeconds(60)).until(() -> !service.isAlive());
        assertThat(ProcessHandle.of(database).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Files.readString(directory.resolve("data").resolve("postgres.log")))
                .contains("database system is shut down");
        assertThat(Files.readString(service.log(1))).doesNotContain("A fatal error has been detected");
    }

    /** SIGTERM at four moments of a first start: the database starting, the migrations done, each model loading. */
    @ParameterizedTest
    @ValueSource(strings = {"postmaster started", "Using the embedded PostgreSQL store", "Found matching platform",
            "Embedding model"})
    void sigtermDuringStartUpExitsWithoutACrashAndTheNextStartWorks(String moment) throws Exception {
        String name = "starting-" + moment.replace(' ', '-');
        Path directory = emptyDirectory(name);
        AppProcess service = service("embedded-" + name, directory);
        service.start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                .until(() -> Files.readString(service.log(1)).contains(moment));

        service.terminate();

        await().atMost(Duration.ofSeconds(60)).until(() -> !service.isAlive());
        assertThat(Files.readString(service.log(1))).doesNotContain("A fatal error has been detected")
                .doesNotContain("SIGSEGV")
                .as("a model loading when the signal came finishes loading").doesNotContain("cannot run here")
                .doesNotContain("Failed to start");
        service.start();
        service.awaitReady();
        assertThat(start(service, "After").id()).isNotEmpty();
    }




    /** The embedded server's process, from the cluster's {@code postmaster.pid}. */
    private static long postmasterPid(Path directory) throws IOException {
        return Long.parseLong(postmaster(directory).get(0).trim());
    }

    private static List<String> postmaster(Path directory) throws IOException {
        return Files.readAllLines(directory.resolve("data").resolve("postgres").resolve("postmaster.pid"));
    }

    private static Connection connect(Path directory) throws IOException, SQLException {
        int port = Integer.parseInt(postmaster(directory).get(3).trim());
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres?user=postgres");
    }


    /** One stream of the service, followed across its restarts, and the events the database holds for it. */
    private static final class Follower implements AutoCloseable {
        private final String path;
        private final String conversationId;
        private final ResumingStream stream;

        Follower(AppProcess service, String path, String token, String conversationId) {
            this.path = path;
            this.conversationId = conversationId;
            this.stream = new ResumingStream(() -> service.uri(path), token);
            assertThat(stream.connected()).as("first connection to " + path).isTrue();
        }

        List<Long> stored(Connection database) {
            return conversationId == null
                    ? numbers(database, "SELECT id FROM events WHERE to_agents ORDER BY id")
                    : numbers(database, "SELECT id FROM events WHERE conversation_id = ? AND to_customer ORDER BY id",
                    conversationId);
        }

        boolean hasEverything(Connection database) {
            return Set.copyOf(stream.received()).containsAll(stored(database));
        }

        @Override
        public void close() {
            stream.close();
        }
    }
}
