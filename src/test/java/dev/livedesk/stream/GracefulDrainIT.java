package dev.livedesk.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livedesk.support.SseClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SIGTERM to a packaged instance: readiness DOWN, new streams 503, open streams closed spread over the drain. */
class GracefulDrainIT {

    private static final Duration DRAIN = Duration.ofSeconds(3);
    private static final int STREAMS = 20;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void drainsOnSigtermSpreadingTheClosesAndRefusingNewStreams() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        URI root = URI.create("http://localhost:" + port);
        Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.profile=test", "-Dquarkus.http.port=" + port, "-Dlivedesk.shutdown.drain=" + DRAIN.toSeconds() + "s",
                "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString())
                .redirectErrorStream(true).redirectOutput(Path.of("target", "drain-app.log").toFile()).start();
        List<SseClient> clients = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> status(root, "/q/health/ready") == 200);
            JsonNode started = new ObjectMapper().readTree(HTTP.send(HttpRequest.newBuilder(root.resolve("/api/conversations"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            URI events = root.resolve("/api/conversations/" + started.at("/conversation/id").asText() + "/events");
            String token = started.path("token").asText();
            for (int i = 0; i < STREAMS; i++) {
                SseClient client = SseClient.open(events, token);
                assertThat(client.status()).isEqualTo(200);
                clients.add(client);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> clients.stream().allMatch(c -> !c.retries().isEmpty()));

            long sigterm = System.nanoTime();
            app.destroy();
            await().atMost(DRAIN).ignoreExceptions().until(() -> status(root, "/q/health/ready") == 503);
            try (SseClient late = SseClient.open(events, Map.of("Authorization", "Bearer " + token))) {
                assertThat(late.status()).isEqualTo(503);
                assertThat(late.errorBody()).contains("\"error\":\"draining\"");
            }

            Map<SseClient, Long> endedAt = new ConcurrentHashMap<>();
            await().atMost(DRAIN.plusSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> {
                clients.stream().filter(SseClient::ended).forEach(c -> endedAt.putIfAbsent(c, System.nanoTime() - sigterm));
                return endedAt.size() == STREAMS;
            });
            long first = endedAt.values().stream().mapToLong(Long::longValue).min().orElseThrow();
            long last = endedAt.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            assertThat(Duration.ofNanos(last - first)).as("closes spread over the drain")
                    .isGreaterThan(DRAIN.dividedBy(3));
            assertThat(Duration.ofNanos(last)).isLessThan(DRAIN.plusSeconds(3));
            await().atMost(Duration.ofSeconds(20)).until(() -> !app.isAlive());
        } finally {
            clients.forEach(SseClient::close);
            app.destroyForcibly();
        }
    }

    private static int status(URI root, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
