package dev.livedesk.stream;

import dev.livedesk.support.LogCapture;
import dev.livedesk.support.SseClient;
import dev.livedesk.support.TestApi.Started;
import dev.livedesk.support.TestApi;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@Tag("quarkus")
@QuarkusTest
class StreamLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URI root;

    @Inject
    MeterRegistry registry;

    private URI events(String conversationId) {
        return root.resolve("/api/conversations/" + conversationId + "/events");
    }

    @Test
    void answersWithEventStreamAndNoCachingOrProxyBuffering() {
        Started conversation = TestApi.startConversation("Headers");
        try (SseClient client = SseClient.open(events(conversation.id()), conversation.token())) {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.header("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(client.header("Cache-Control")).hasValueSatisfying(
                    value -> assertThat(value).contains("no-cache").contains("no-store"));
            assertThat(client.header("X-Accel-Buffering")).hasValue("no");
        }
    }

    @Test
    void startsWithRetryOfTheConfiguredDelayPlusJitter() {
        Started conversation = TestApi.startConversation("Retry");
        try (SseClient client = SseClient.open(events(conversation.id()), conversation.token())) {
            await().atMost(WAIT).until(() -> !client.retries().isEmpty());
            assertThat(client.retries()).hasSize(1);
            assertThat(client.retries().get(0)).isBetween(3000L, 4499L);
        }
    }

    @Test
    void spreadsRetryDelaysAcrossClients() {
        Started conversation = TestApi.startConversation("Jitter");
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            try (SseClient client = SseClient.open(events(conversation.id()), conversation.token())) {
                await().atMost(WAIT).until(() -> !client.retries().isEmpty());
                delays.add(client.retries().get(0));
            }
        }
        assertThat(delays.stream().distinct().count()).isGreaterThan(1);
    }

    @Test
    void sendsHeartbeatCommentsWhileIdle() {
        Started conversation = TestApi.startConversation("Heartbeat");
        try (SseClient client = SseClient.open(events(conversation.id()), conversation.token())) {
            int atStart = client.comments().size();
            await().atMost(WAIT).until(() -> client.comments().size() >= atStart + 2);
            assertThat(client.comments()).allMatch(String::isEmpty);
        }
    }

    @Test
    void removesSubscribersOnceClientsDisconnect() {
        Started conversation = TestApi.startConversation("Leaving");
        StreamGauges gauges = new StreamGauges(registry);
        int before = gauges.settled("conversation");
        List<SseClient> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clients.add(SseClient.open(events(conversation.id()), conversation.token()));
        }
        await().atMost(WAIT).until(() -> gauges.open("conversation") == before + 5);
        clients.forEach(SseClient::close);
        await().atMost(WAIT).until(() -> gauges.open("conversation") == before);
    }

    @Test
    void clientsThatLeaveAsTheStreamOpensNeverCauseAServerError() throws IOException {
        Started conversation = TestApi.startConversation("Impatient");
        StreamGauges gauges = new StreamGauges(registry);
        int before = gauges.settled("conversation");
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 200; i++) {
                try (Socket socket = new Socket(root.getHost(), root.getPort())) {
                    socket.getOutputStream().write(("GET /api/conversations/" + conversation.id() + "/events HTTP/1.1\r\n"
                            + "Host: localhost\r\nAuthorization: Bearer " + conversation.token() + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    socket.setSoLinger(true, 0);
                }
                SseClient.open(events(conversation.id()), conversation.token()).close();
            }
            await().atMost(WAIT).until(() -> gauges.open("conversation") == before);
            assertThat(log.errors()).isEmpty();
        }
    }

    @Test
    void keepsDeliveringToOthersWhenOneSubscriberLeaves() {
        Started conversation = TestApi.startConversation("Others");
        StreamGauges gauges = new StreamGauges(registry);
        int before = gauges.settled("conversation");
        try (SseClient staying = SseClient.open(events(conversation.id()), conversation.token())) {
            SseClient leaving = SseClient.open(events(conversation.id()), conversation.token());
            await().atMost(WAIT).until(() -> gauges.open("conversation") == before + 2);
            leaving.close();
            long first = TestApi.post(conversation.id(), conversation.token(), "one");
            long second = TestApi.post(conversation.id(), conversation.token(), "two");
            await().atMost(WAIT).until(() -> staying.ids().contains(second));
            assertThat(staying.ids()).containsSubsequence(first, second);
            await().atMost(WAIT).until(() -> gauges.open("conversation") == before + 1);
        }
    }

    @Test
    void anyMethodButGetOnAStreamIsRefusedWith405() {
        Started conversation = TestApi.startConversation("Poster");
        for (String path : List.of("/api/conversations/" + conversation.id() + "/events", "/api/agents/events",
                "/api/status/events")) {
            given().auth().oauth2(conversation.token()).contentType("application/json").body("{}").post(path)
                    .then().statusCode(405).header("Allow", "GET").body("error", equalTo("method-not-allowed"));
        }
    }
}
