package dev.livedesk.agent;

import dev.livedesk.support.SseClient;
import dev.livedesk.support.SseEvent;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@Tag("quarkus")
@QuarkusTest
@TestProfile(RoutingProfile.class)
class PresenceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URI root;

    @Inject
    RoutingFixture fixture;

    @BeforeEach
    void blankSlate() {
        fixture.reset();
    }

    /** An agent's console from now on: the agents' stream, without the history. */
    private SseClient console(String token) {
        return SseClient.open(root.resolve("/api/agents/events?lastEventId=" + Long.MAX_VALUE), token);
    }

    private static String statusOf(String username) {
        return given().auth().oauth2(TestApi.agentToken("bob")).get("/api/agents")
                .then().statusCode(200).extract().path("find { it.id == '" + username + "' }.status");
    }

    @Test
    void aStatusChangeIsADurableEventOnTheAgentsStream() {
        String alice = TestApi.agentToken("alice");
        try (SseClient stream = SseClient.open(root.resolve("/api/agents/events"), alice)) {
            await().atMost(WAIT).until(() -> !stream.retries().isEmpty());
            int before = stream.events("agent-status").size();
            TestApi.setStatus(alice, "ONLINE");
            await().atMost(WAIT).until(() -> stream.events("agent-status").size() > before);
            SseEvent event = stream.events("agent-status").get(stream.events("agent-status").size() - 1);
            assertThat(event.id()).isNotNull();
            assertThat(event.<String>json("agentId")).isEqualTo("alice");
            assertThat(event.<String>json("name")).isEqualTo("Alice");
            assertThat(event.<String>json("status")).isEqualTo("ONLINE");
        }
    }

    @Test
    void customersSeeTheStatusOfTheirAgent() {
        Started conversation = TestApi.startConversation("Watching");
        String bob = TestApi.agentToken("bob");
        given().auth().oauth2(bob).contentType(ContentType.JSON).body("{}")
                .post("/api/conversations/{id}/assign", conversation.id()).then().statusCode(200);
        try (SseClient customer = SseClient.open(root.resolve("/api/conversations/" + conversation.id() + "/events"),
                conversation.token())) {
            TestApi.setStatus(bob, "AWAY");
            await().atMost(WAIT).until(() -> !customer.events("agent-status").isEmpty());
            assertThat(customer.events("agent-status").get(0).<String>json("status")).isEqualTo("AWAY");
            assertThat(customer.events("agent-status").get(0).<Integer>json("openConversations")).isEqualTo(1);
        }
    }

    @Test
    void anAgentWithoutConnectionGoesOfflineAfterTheGraceAndComesBackOnReconnect() {
        String alice = TestApi.agentToken("alice");
        SseClient first = console(alice);
        TestApi.setStatus(alice, "AWAY");
        first.close();
        await().atMost(WAIT).until(() -> "OFFLINE".equals(statusOf("alice")));
        try (SseClient second = console(alice)) {
            await().atMost(WAIT).until(() -> "AWAY".equals(statusOf("alice")));
        }
    }

    @Test
    void goingOfflineEndsTheGraceOfAClosedConsole() {
        String bob = TestApi.agentToken("bob");
        SseClient console = console(bob);
        TestApi.setStatus(bob, "ONLINE");
        console.close();
        TestApi.setStatus(bob, "OFFLINE");
        TestApi.setStatus(bob, "ONLINE");
        await().during(Duration.ofMillis(1500)).atMost(WAIT).until(() -> "ONLINE".equals(statusOf("bob")));
    }

    @Test
    void aQuickReconnectKeepsTheStatus() {
        String bob = TestApi.agentToken("bob");
        SseClient first = console(bob);
        TestApi.setStatus(bob, "ONLINE");
        try (SseClient second = console(bob)) {
            first.close();
            await().during(Duration.ofMillis(1500)).atMost(WAIT).until(() -> "ONLINE".equals(statusOf("bob")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"status\":\"BUSY\"}", "{\"status\":\"online\"}", "{\"status\":1}"})
    void rejectsAnInvalidStatus(String body) {
        given().auth().oauth2(TestApi.agentToken("alice")).contentType(ContentType.JSON).body(body)
                .put("/api/agents/me/status")
                .then().statusCode(400);
    }

    @Test
    void customersCannotSetAStatus() {
        Started conversation = TestApi.startConversation("Curious");
        given().auth().oauth2(conversation.token()).contentType(ContentType.JSON).body("{\"status\":\"ONLINE\"}")
                .put("/api/agents/me/status")
                .then().statusCode(403).body("error", equalTo("forbidden"));
    }
}
