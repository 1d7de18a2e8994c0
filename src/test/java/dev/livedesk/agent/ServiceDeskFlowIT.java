package dev.livedesk.agent;

import dev.livedesk.support.SseClient;
import dev.livedesk.support.SseEvent;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The agent's side against the packaged application: online with a stream, a conversation assigned by routing,
 * typing both ways, resolution, the public status stream, and the operator endpoints.
 */
@Tag("packaged")
@QuarkusIntegrationTest
class ServiceDeskFlowIT {

    @TestHTTPResource("/")
    URI root;

    @Test
    void anOnlineAgentGetsAConversationTalksAndResolvesIt() {
        String bob = TestApi.agentToken("bob");
        try (SseClient console = SseClient.open(root.resolve("/api/agents/events"), bob);
             SseClient desk = SseClient.open(root.resolve("/api/status/events"), Map.of())) {
            TestApi.setStatus(bob, "ONLINE");
            await().atMost(Duration.ofSeconds(10)).until(() -> desk.events("status").stream()
                    .anyMatch(event -> event.<Integer>json("agentsOnline") >= 1));

            Started conversation = TestApi.startConversation("Flow");
            await().atMost(Duration.ofSeconds(10)).until(() -> "ASSIGNED".equals(TestApi.status(conversation.id(), bob)));
            try (SseClient customer = SseClient.open(root.resolve("/api/conversations/" + conversation.id() + "/events"),
                    conversation.token())) {
                given().auth().oauth2(bob).contentType(ContentType.JSON).body(Map.of("typing", true))
                        .post("/api/conversations/{id}/typing", conversation.id()).then().statusCode(204);
                await().atMost(Duration.ofSeconds(10)).until(() -> !customer.events("typing").isEmpty());
                long reply = TestApi.post(conversation.id(), bob, "Hello, I am Bob.");
                await().atMost(Duration.ofSeconds(10)).until(() -> customer.ids().contains(reply));

                given().auth().oauth2(bob).post("/api/conversations/{id}/resolve", conversation.id())
                        .then().statusCode(200).body("conversation.status", equalTo("RESOLVED"));
                await().atMost(Duration.ofSeconds(10)).until(() -> customer.events("conversation").stream()
                        .map(SseEvent::data).anyMatch(data -> data.contains("\"change\":\"resolved\"")));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> console.events("conversation").stream()
                    .map(SseEvent::data).anyMatch(data -> data.contains("\"change\":\"resolved\"")));
        } finally {
            TestApi.setStatus(bob, "OFFLINE");
        }
    }

    @Test
    void operatorEndpointsAnswer() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("livedesk_streams_open"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/conversations/{id}/events"));
    }
}
