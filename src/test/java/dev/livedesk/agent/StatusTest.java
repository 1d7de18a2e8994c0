package dev.livedesk.agent;

import dev.livedesk.support.SseClient;
import dev.livedesk.support.SseEvent;
import dev.livedesk.support.TestApi;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@Tag("quarkus")
@QuarkusTest
@TestProfile(RoutingProfile.class)
class StatusTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URI root;

    @Inject
    RoutingFixture fixture;

    @BeforeEach
    void blankSlate() {
        fixture.reset();
    }

    private SseClient open() {
        return SseClient.open(root.resolve("/api/status/events"), Map.of());
    }

    private static SseEvent last(SseClient client) {
        List<SseEvent> status = client.events("status");
        return status.get(status.size() - 1);
    }

    @Test
    void sendsASnapshotOnConnectWithoutAnyCredential() {
        try (SseClient widget = open()) {
            assertThat(widget.status()).isEqualTo(200);
            await().atMost(WAIT).until(() -> !widget.events("status").isEmpty());
            SseEvent snapshot = widget.events("status").get(0);
            assertThat(snapshot.id()).isNull();
            assertThat(snapshot.<Integer>json("agentsOnline")).isZero();
            assertThat(snapshot.<Integer>json("queueLength")).isZero();
            assertThat(snapshot.<Object>json("estimatedWaitSeconds")).isNull();
        }
    }

    @Test
    void theDeskIsOpenOnlyWhileAnAgentIsOnlineOrAway() {
        try (SseClient widget = open()) {
            await().atMost(WAIT).until(() -> !widget.events("status").isEmpty());
            assertThat(last(widget).<Boolean>json("open")).isFalse();
            assertThat(last(widget).<Object>json("opensAt")).as("no business hours: always within them").isNull();
            TestApi.setStatus(TestApi.agentToken("alice"), "AWAY");
            await().atMost(WAIT).until(() -> last(widget).<Boolean>json("open"));
            assertThat(last(widget).<Integer>json("agentsOnline")).isZero();
        }
        io.restassured.RestAssured.given().get("/api/status").then().statusCode(200)
                .body("open", org.hamcrest.Matchers.equalTo(true));
    }

    @Test
    void tellsWhenTheQueueGrowsAndAnAgentComesOnline() {
        try (SseClient widget = open()) {
            await().atMost(WAIT).until(() -> !widget.events("status").isEmpty());
            TestApi.startConversation("Waiting");
            await().atMost(WAIT).until(() -> last(widget).<Integer>json("queueLength") == 1);
            TestApi.setStatus(TestApi.agentToken("alice"), "ONLINE");
            await().atMost(WAIT).until(() -> last(widget).<Integer>json("agentsOnline") == 1
                    && last(widget).<Integer>json("queueLength") == 0);
            assertThat(((Number) last(widget).json("estimatedWaitSeconds")).longValue()).isZero();
        }
    }

    @Test
    void estimatesAWaitWhenEveryAgentIsFull() {
        TestApi.setStatus(TestApi.agentToken("bob"), "ONLINE");
        for (int i = 0; i <= RoutingProfile.CAPACITY; i++) {
            TestApi.startConversation("Busy " + i);
        }
        try (SseClient widget = open()) {
            await().atMost(WAIT).until(() -> !widget.events("status").isEmpty());
            SseEvent snapshot = widget.events("status").get(0);
            assertThat(snapshot.<Integer>json("queueLength")).isEqualTo(1);
            assertThat(((Number) snapshot.json("estimatedWaitSeconds")).longValue()).isPositive();
        }
    }

    @Test
    void anInboxsStatusCountsItsOwnQueueLive() {
        String websiteToken = given().auth().oauth2(TestApi.agentToken("erin")).contentType(ContentType.JSON)
                .body(Map.of("name", "Status shop")).post("/api/inboxes").then().statusCode(201).extract()
                .path("inbox.websiteToken");
        TestApi.startConversation("In the default inbox");
        try (SseClient widget = SseClient.open(root.resolve("/api/status/events?websiteToken=" + websiteToken),
                Map.of())) {
            await().atMost(WAIT).until(() -> !widget.events("status").isEmpty());
            assertThat(last(widget).<Integer>json("queueLength")).isZero();

            given().contentType(ContentType.JSON).body(Map.of("customerName", "Ann", "websiteToken", websiteToken))
                    .post("/api/conversations").then().statusCode(201);

            await().atMost(WAIT).until(() -> last(widget).<Integer>json("queueLength") == 1);
        }
        given().queryParam("websiteToken", websiteToken).get("/api/status").then().statusCode(200)
                .body("queueLength", equalTo(1));
    }

    @Test
    void anUnknownWebsiteTokenIsABadRequest() {
        given().queryParam("websiteToken", "no-such-token").get("/api/status").then().statusCode(400)
                .body("error", equalTo("unknown-inbox"));
        try (SseClient widget = SseClient.open(root.resolve("/api/status/events?websiteToken=no-such-token"),
                Map.of())) {
            assertThat(widget.status()).isEqualTo(400);
        }
    }
}
