package dev.livedesk.inbox;

import dev.livedesk.event.EventTypes;
import dev.livedesk.support.SseClient;
import dev.livedesk.support.TestApi;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Teams see only their inboxes: dave belongs to a second inbox, carol does not, erin is an admin. Every path but the
 * conversation's own endpoints (the authorization matrix covers those) is checked here.
 */
@Tag("quarkus")
@QuarkusTest
class InboxScopeTest {

    @TestHTTPResource("/")
    URI root;

    private String inboxId;
    private TestApi.Started theirs;

    @BeforeEach
    void secondInbox() {
        Response created = given().auth().oauth2(TestApi.agentToken("erin")).contentType(ContentType.JSON)
                .body(Map.of("name", "Shop B")).post("/api/inboxes").then().statusCode(201).extract().response();
        inboxId = created.path("inbox.id");
        members("dave");
        theirs = start(created.path("inbox.websiteToken"), null);
    }

    private void members(String... agentIds) {
        given().auth().oauth2(TestApi.agentToken("erin")).contentType(ContentType.JSON)
                .body(Map.of("agentIds", List.of(agentIds))).put("/api/inboxes/{id}/members", inboxId)
                .then().statusCode(200);
    }

    private static TestApi.Started start(String websiteToken, String customerToken) {
        var request = given().contentType(ContentType.JSON);
        if (customerToken != null) {
            request.auth().oauth2(customerToken);
        }
        Response response = request.body(websiteToken == null ? Map.of("customerName", "Ann")
                        : Map.of("customerName", "Ann", "websiteToken", websiteToken))
                .post("/api/conversations").then().statusCode(201).extract().response();
        return new TestApi.Started(response.path("conversation.id"), response.path("token"));
    }

    private static List<String> listed(String agent) {
        return given().auth().oauth2(TestApi.agentToken(agent)).queryParam("limit", 100).queryParam("order", "newest")
                .get("/api/conversations").then().statusCode(200).extract().path("conversations.id");
    }

    @Test
    void anAgentListsOnlyTheConversationsOfTheirInboxes() {
        assertThat(listed("carol")).doesNotContain(theirs.id());
        assertThat(listed("dave")).contains(theirs.id());
        assertThat(listed("erin")).contains(theirs.id());
    }

    @Test
    void anAgentFindsOnlyTheConversationsOfTheirInboxes() {
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        TestApi.post(theirs.id(), theirs.token(), "my parcel " + word);

        for (String agent : List.of("carol", "dave", "erin")) {
            List<String> found = given().auth().oauth2(TestApi.agentToken(agent)).queryParam("q", word)
                    .get("/api/conversations/search").then().statusCode(200).extract()
                    .path("conversations.conversation.id");
            if (agent.equals("carol")) {
                assertThat(found).as(agent).isEmpty();
            } else {
                assertThat(found).as(agent).containsExactly(theirs.id());
            }
        }
    }

    @Test
    void anAgentsCountsLeaveOutOtherInboxes() {
        int carols = openCount("carol");
        int daves = openCount("dave");

        start(given().auth().oauth2(TestApi.agentToken("erin")).get("/api/inboxes").then().extract()
                .path("inboxes.find { it.id == '" + inboxId + "' }.websiteToken"), null);

        assertThat(openCount("carol")).isEqualTo(carols);
        assertThat(openCount("dave")).isEqualTo(daves + 1);
    }

    private static int openCount(String agent) {
        return given().auth().oauth2(TestApi.agentToken(agent)).get("/api/conversations/counts").then()
                .statusCode(200).extract().path("open");
    }

    @Test
    void aConversationCannotBeGivenToAnAgentOutsideItsInbox() {
        given().auth().oauth2(TestApi.agentToken("erin")).contentType(ContentType.JSON)
                .body(Map.of("agentId", "carol")).post("/api/conversations/{id}/assign", theirs.id())
                .then().statusCode(409).body("error", equalTo("not-in-inbox"));
    }

    @Test
    void theCustomersOtherConversationsListOnlyThoseOfTheAgentsInboxes() {
        TestApi.Started here = TestApi.startConversation("Ann");
        TestApi.Started there = start(given().auth().oauth2(TestApi.agentToken("erin")).get("/api/inboxes").then()
                .extract().path("inboxes.find { it.id == '" + inboxId + "' }.websiteToken"), here.token());

        List<String> carolSees = given().auth().oauth2(TestApi.agentToken("carol"))
                .get("/api/conversations/{id}/customer-history", here.id()).then().statusCode(200).extract()
                .path("conversations.id");
        List<String> erinSees = given().auth().oauth2(TestApi.agentToken("erin"))
                .get("/api/conversations/{id}/customer-history", here.id()).then().statusCode(200).extract()
                .path("conversations.id");

        assertThat(carolSees).doesNotContain(there.id());
        assertThat(erinSees).contains(there.id());
    }

    @Test
    void theAgentsStreamCarriesOnlyTheirInboxesEvents() {
        TestApi.Started ours = TestApi.startConversation("Bea");
        try (SseClient carol = agentsStream("carol"); SseClient dave = agentsStream("dave")) {
            TestApi.post(theirs.id(), theirs.token(), "for shop B");
            TestApi.post(ours.id(), ours.token(), "marker");

            await().atMost(Duration.ofSeconds(10)).until(() -> saw(carol, "marker")
                    && saw(dave, "for shop B"));
            assertThat(saw(carol, "for shop B")).isFalse();
            assertThat(carol.events().stream().map(event -> event.data()))
                    .noneMatch(data -> data.contains(theirs.id()));
        }
    }

    @Test
    void anAgentRemovedFromAnInboxStopsReceivingItsEventsOnTheOpenStream() {
        TestApi.Started ours = TestApi.startConversation("Bea");
        try (SseClient dave = agentsStream("dave")) {
            TestApi.post(theirs.id(), theirs.token(), "while a member");
            await().atMost(Duration.ofSeconds(10)).until(() -> saw(dave, "while a member"));

            members();
            TestApi.post(theirs.id(), theirs.token(), "after removal");
            TestApi.post(ours.id(), ours.token(), "marker");

            await().atMost(Duration.ofSeconds(10)).until(() -> saw(dave, "marker"));
            assertThat(saw(dave, "after removal")).isFalse();
            assertThat(dave.events(EventTypes.INBOXES)).isNotEmpty();
        }
    }

    @Test
    void anAgentAddedToAnInboxSeesItsConversationsAtOnce() {
        given().auth().oauth2(TestApi.agentToken("carol")).get("/api/conversations/{id}", theirs.id())
                .then().statusCode(403);

        members("dave", "carol");

        given().auth().oauth2(TestApi.agentToken("carol")).get("/api/conversations/{id}", theirs.id())
                .then().statusCode(200);
        assertThat(listed("carol")).contains(theirs.id());
    }

    private SseClient agentsStream(String agent) {
        SseClient stream = SseClient.open(root.resolve("/api/agents/events"), TestApi.agentToken(agent));
        await().atMost(Duration.ofSeconds(10)).until(() -> !stream.retries().isEmpty());
        return stream;
    }

    /** Whether the stream carried a message with this text. */
    private static boolean saw(SseClient stream, String text) {
        return stream.events(EventTypes.MESSAGE).stream()
                .anyMatch(event -> event.data().contains("\"text\":\"" + text + "\""));
    }
}
