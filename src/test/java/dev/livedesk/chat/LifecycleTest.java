package dev.livedesk.chat;

import dev.livedesk.support.SseClient;
import dev.livedesk.support.SseEvent;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** State transitions, with the assistant off and nobody online (the default test profile). */
@Tag("quarkus")
@QuarkusTest
class LifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URI root;

    private SseClient stream(Started conversation) {
        return SseClient.open(root.resolve("/api/conversations/" + conversation.id() + "/events"), conversation.token());
    }

    private static io.restassured.response.Response assign(String conversationId, String token, String agentId) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(agentId == null ? Map.of() : Map.of("agentId", agentId))
                .post("/api/conversations/{id}/assign", conversationId);
    }

    /** The texts of system messages the stream carried. */
    private static List<String> notices(SseClient client) {
        return client.events("message").stream()
                .filter(e -> "system".equals(e.json("message.sender.role")))
                .map(e -> e.<String>json("message.text")).toList();
    }

    @Test
    void startsQueuedWhenTheAssistantIsOff() {
        Started conversation = TestApi.startConversation("Queued");
        assertThat(TestApi.status(conversation.id(), conversation.token())).isEqualTo("QUEUED");
    }

    @Test
    void agentClaimsAQueuedConversationAndTheCustomerSeesWhoJoined() {
        Started conversation = TestApi.startConversation("Claim");
        try (SseClient customer = stream(conversation)) {
            assign(conversation.id(), TestApi.agentToken("alice"), null).then().statusCode(200)
                    .body("conversation.status", equalTo("ASSIGNED"))
                    .body("conversation.assigneeId", equalTo("alice"));
            await().atMost(WAIT).until(() -> notices(customer).contains("Alice joined the conversation"));
            SseEvent change = customer.events("conversation").get(1);
            assertThat(change.<String>json("change")).isEqualTo("assigned");
            assertThat(change.<String>json("conversation.assigneeId")).isEqualTo("alice");
        }
    }

    @Test
    void anAgentsReplyToAQueuedConversationMakesItTheirsBeforeTheReply() {
        Started conversation = TestApi.startConversation("Answered from the queue");
        try (SseClient customer = stream(conversation)) {
            TestApi.post(conversation.id(), TestApi.agentToken("bob"), "Hello, Bob here");
            given().auth().oauth2(conversation.token()).get("/api/conversations/{id}", conversation.id())
                    .then().statusCode(200)
                    .body("conversation.status", equalTo("ASSIGNED"))
                    .body("conversation.assigneeId", equalTo("bob"))
                    .body("conversation.queuePosition", equalTo(null));
            await().atMost(WAIT).until(() -> customer.events("message").stream()
                    .anyMatch(e -> "Hello, Bob here".equals(e.json("message.text"))));
            assertThat(customer.events("message").stream().map(e -> e.<String>json("message.text")))
                    .containsSubsequence("Bob joined the conversation", "Hello, Bob here");
        }
    }

    @Test
    void aReplyInAColleaguesConversationLeavesItWithTheColleague() {
        Started conversation = TestApi.startConversation("Covered for");
        assign(conversation.id(), TestApi.agentToken("alice"), null).then().statusCode(200);
        TestApi.post(conversation.id(), TestApi.agentToken("bob"), "Covering for Alice");
        given().auth().oauth2(TestApi.agentToken("bob")).get("/api/conversations/{id}", conversation.id())
                .then().statusCode(200)
                .body("conversation.status", equalTo("ASSIGNED"))
                .body("conversation.assigneeId", equalTo("alice"));
    }

    @Test
    void anAgentTransfersAConversationToAColleagueWhoIsAway() {
        Started conversation = TestApi.startConversation("Transfer");
        assign(conversation.id(), TestApi.agentToken("alice"), null).then().statusCode(200);
        TestApi.setStatus(TestApi.agentToken("bob"), "AWAY");
        try {
            assign(conversation.id(), TestApi.agentToken("alice"), "bob").then().statusCode(200)
                    .body("conversation.assigneeId", equalTo("bob"));
        } finally {
            TestApi.setStatus(TestApi.agentToken("bob"), "OFFLINE");
        }
    }

    @Test
    void nobodyIsHandedAConversationWhileOffline() {
        Started conversation = TestApi.startConversation("Offline transfer");
        assign(conversation.id(), TestApi.agentToken("alice"), null).then().statusCode(200);
        TestApi.setStatus(TestApi.agentToken("bob"), "OFFLINE");
        assign(conversation.id(), TestApi.agentToken("alice"), "bob").then().statusCode(409)
                .body("error", equalTo("agent-offline"))
                .body("message", equalTo("Bob is offline"));
        assertThat(given().auth().oauth2(TestApi.agentToken("alice")).get("/api/conversations/{id}", conversation.id())
                .then().statusCode(200).extract().<String>path("conversation.assigneeId")).isEqualTo("alice");
    }

    @Test
    void onlyASupervisorMovesAColleaguesConversation() {
        Started conversation = TestApi.startConversation("Supervised");
        assign(conversation.id(), TestApi.agentToken("bob"), null).then().statusCode(200);
        assign(conversation.id(), TestApi.agentToken("dave"), "dave").then().statusCode(403);
        assign(conversation.id(), TestApi.agentToken("alice"), "alice").then().statusCode(200)
                .body("conversation.assigneeId", equalTo("alice"));
    }

    @Test
    void claimingAConversationAnotherAgentHoldsIsAConflict() {
        Started conversation = TestApi.startConversation("Held");
        assign(conversation.id(), TestApi.agentToken("alice"), null).then().statusCode(200);
        assign(conversation.id(), TestApi.agentToken("bob"), null).then().statusCode(409)
                .body("error", equalTo("already-assigned"));
    }

    @Test
    void concurrentClaimsHaveExactlyOneWinner() throws Exception {
        Started conversation = TestApi.startConversation("Race");
        List<String> agents = List.of("alice", "bob");
        List<String> tokens = agents.stream().map(TestApi::agentToken).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> claims = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String token = tokens.get(i % tokens.size());
                claims.add(() -> assign(conversation.id(), token, null).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(claims)) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsOnly(200, 409);
            try (SseClient customer = stream(conversation)) {
                await().atMost(WAIT).until(() -> !notices(customer).isEmpty());
                assertThat(notices(customer)).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void assigningToAnUnknownAgentIsABadRequest() {
        Started conversation = TestApi.startConversation("Nobody");
        assign(conversation.id(), TestApi.agentToken("alice"), "mallory").then().statusCode(400)
                .body("error", equalTo("unknown-agent"));
    }

    @Test
    void customersCannotAssign() {
        Started conversation = TestApi.startConversation("Self");
        assign(conversation.id(), conversation.token(), null).then().statusCode(403);
    }

    @Test
    void agentResolvesAndTheCustomerIsTold() {
        Started conversation = TestApi.startConversation("Resolve");
        try (SseClient customer = stream(conversation)) {
            given().auth().oauth2(TestApi.agentToken("alice")).post("/api/conversations/{id}/resolve", conversation.id())
                    .then().statusCode(200).body("conversation.status", equalTo("RESOLVED"));
            await().atMost(WAIT).until(() -> notices(customer).contains("Conversation resolved"));
        }
    }

    @Test
    void customerResolvesTheirOwnConversationOnceOnly() {
        Started conversation = TestApi.startConversation("Done");
        given().auth().oauth2(conversation.token()).post("/api/conversations/{id}/resolve", conversation.id())
                .then().statusCode(200);
        long after = TestApi.lastEventId(conversation.id(), conversation.token());
        given().auth().oauth2(conversation.token()).post("/api/conversations/{id}/resolve", conversation.id())
                .then().statusCode(200).body("conversation.status", equalTo("RESOLVED"));
        assertThat(TestApi.lastEventId(conversation.id(), conversation.token())).isEqualTo(after);
    }

    @Test
    void customerMessageReopensAResolvedConversation() {
        Started conversation = TestApi.startConversation("Again");
        assign(conversation.id(), TestApi.agentToken("alice"), null).then().statusCode(200);
        given().auth().oauth2(conversation.token()).post("/api/conversations/{id}/resolve", conversation.id())
                .then().statusCode(200);
        TestApi.post(conversation.id(), conversation.token(), "One more question");
        given().auth().oauth2(conversation.token()).get("/api/conversations/{id}", conversation.id())
                .then().body("conversation.status", equalTo("QUEUED"))
                .body("conversation.assigneeId", equalTo(null));
        try (SseClient customer = stream(conversation)) {
            await().atMost(WAIT).until(() -> customer.events("conversation").stream()
                    .anyMatch(e -> "reopened".equals(e.json("change"))));
            assertThat(notices(customer)).endsWith("Connecting you to an agent…");
        }
    }

    @Test
    void agentMessageDoesNotReopen() {
        Started conversation = TestApi.startConversation("Closed");
        given().auth().oauth2(conversation.token()).post("/api/conversations/{id}/resolve", conversation.id());
        TestApi.post(conversation.id(), TestApi.agentToken("alice"), "Glad we could help");
        assertThat(TestApi.status(conversation.id(), conversation.token())).isEqualTo("RESOLVED");
    }

    @Test
    void assigningAResolvedConversationIsAConflict() {
        Started conversation = TestApi.startConversation("Closed");
        given().auth().oauth2(conversation.token()).post("/api/conversations/{id}/resolve", conversation.id());
        assign(conversation.id(), TestApi.agentToken("alice"), null).then().statusCode(409)
                .body("error", equalTo("conversation-resolved"));
    }

    @Test
    void agentsListTheQueueAndTheirInbox() {
        Started queued = TestApi.startConversation("Waiting");
        Started mine = TestApi.startConversation("Mine");
        String bob = TestApi.agentToken("bob");
        assign(mine.id(), bob, null).then().statusCode(200);
        given().auth().oauth2(bob).queryParam("status", "QUEUED").queryParam("order", "newest").get("/api/conversations")
                .then().statusCode(200)
                .body("conversations.id", hasItem(queued.id()))
                .body("conversations.id", not(hasItem(mine.id())));
        given().auth().oauth2(bob).queryParam("assignee", "me").queryParam("order", "newest").get("/api/conversations")
                .then().statusCode(200)
                .body("conversations.id", hasItem(mine.id()))
                .body("conversations.assigneeId", not(hasItem("alice")));
    }

    @Test
    void listingIsForAgentsWithAValidStatus() {
        Started conversation = TestApi.startConversation("List");
        given().auth().oauth2(conversation.token()).get("/api/conversations").then().statusCode(403);
        given().auth().oauth2(TestApi.agentToken("alice")).queryParam("status", "WAITING").get("/api/conversations")
                .then().statusCode(400).body("error", equalTo("invalid-status"));
    }
}
