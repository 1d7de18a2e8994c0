package dev.livedesk.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livedesk.support.AppProcess;
import dev.livedesk.support.SseClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SIGTERM to a packaged instance: readiness DOWN, new streams 503, open streams closed spread over the drain. */
@Tag("packaged")
class GracefulDrainIT {

    private static final Duration DRAIN = Duration.ofSeconds(3);
    private static final int STREAMS = 20;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void drainsOnSigtermSpreadingTheClosesAndRefusingNewStreams() throws Exception {
        AppProcess app = AppProcess.start("drain-app", Map.of("livedesk.shutdown.drain", DRAIN.toSeconds() + "s"));
        URI root = app.root();
        List<SseClient> clients = new ArrayList<>();
        try {
            app.awaitReady();
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
            app.terminate();
            await().atMost(DRAIN).ignoreExceptions().until(() -> app.status("/q/health/ready") == 503);
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
            app.close();
        }
    }
}
