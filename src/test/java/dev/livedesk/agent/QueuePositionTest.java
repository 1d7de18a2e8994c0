package dev.livedesk.agent;

import dev.livedesk.support.SseClient;
import dev.livedesk.support.SseEvent;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A queued customer is told their place and the expected wait, live, as the queue moves. Agents stay OFFLINE. */
@Tag("quarkus")
@QuarkusTest
class QueuePositionTest {

    @TestHTTPResource("/")
    URI root;

    private static int position(Started conversation) {
        return given().auth().oauth2(conversation.token()).get("/api/conversations/{id}", conversation.id())
                .then().statusCode(200).extract().path("conversation.queuePosition");
    }

    @Test
    void theQueueEventCountsDownAsConversationsAheadLeaveTheQueue() {
        Started ahead = TestApi.startConversation("Ahead");
        Started behind = TestApi.startConversation("Behind");
        int start = position(behind);
        assertThat(position(ahead)).isEqualTo(start - 1);
        try (SseClient stream = SseClient.open(root.resolve("/api/conversations/" + behind.id() + "/events"),
                behind.token())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !stream.retries().isEmpty());
            given().auth().oauth2(TestApi.agentToken("alice")).post("/api/conversations/{id}/resolve", ahead.id())
                    .then().statusCode(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events("queue").isEmpty());
            SseEvent queue = stream.events("queue").get(stream.events("queue").size() - 1);
            assertThat(queue.id()).as("ephemeral").isNull();
            assertThat(queue.<Integer>json("position")).isEqualTo(start - 1);
            assertThat(queue.<Integer>json("agentsOnline")).isZero();
            assertThat(queue.<Object>json("estimatedWaitSeconds")).as("nobody online to estimate from").isNull();
        }
        assertThat(position(behind)).isEqualTo(start - 1);
    }

    @Test
    void onlyAQueuedConversationHasAPosition() {
        Started conversation = TestApi.startConversation("Not queued for long");
        assertThat(position(conversation)).isPositive();
        given().auth().oauth2(conversation.token()).post("/api/conversations/{id}/resolve", conversation.id())
                .then().statusCode(200);
        assertThat(given().auth().oauth2(conversation.token()).get("/api/conversations/{id}", conversation.id())
                .then().extract().<Object>path("conversation.queuePosition")).isNull();
    }

    @Test
    void aPlaceIsCountedInTheConversationsInboxOnly() {
        TestApi.startConversation("In the default inbox");
        String websiteToken = given().auth().oauth2(TestApi.agentToken("erin"))
                .contentType(io.restassured.http.ContentType.JSON).body(java.util.Map.of("name", "Quiet shop"))
                .post("/api/inboxes").then().statusCode(201).extract().path("inbox.websiteToken");
        io.restassured.response.Response started = given().contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("customerName", "First here", "websiteToken", websiteToken))
                .post("/api/conversations").then().statusCode(201).extract().response();

        assertThat(started.<Integer>path("conversation.queuePosition")).isEqualTo(1);
        assertThat(position(new Started(started.path("conversation.id"), started.path("token")))).isEqualTo(1);
    }
}
