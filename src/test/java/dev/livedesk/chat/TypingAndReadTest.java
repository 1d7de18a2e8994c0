package dev.livedesk.chat;

import dev.livedesk.support.SseClient;
import dev.livedesk.support.SseEvent;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@Tag("quarkus")
@QuarkusTest
class TypingAndReadTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URI root;

    private SseClient stream(Started conversation, String token) {
        return SseClient.open(root.resolve("/api/conversations/" + conversation.id() + "/events"), token);
    }

    private static void typing(Started conversation, String token, Object typing) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("typing", typing))
                .post("/api/conversations/{id}/typing", conversation.id())
                .then().statusCode(204);
    }

    @Test
    void customerTypingReachesAgentsOnTheConversationsStreamAndNotOnTheAgentsStream() {
        Started conversation = TestApi.startConversation("Typist");
        String agent = TestApi.agentToken("alice");
        try (SseClient onConversation = stream(conversation, agent);
             SseClient onAgents = SseClient.open(root.resolve("/api/agents/events?lastEventId="
                     + TestApi.lastEventId(conversation.id(), agent)), agent)) {
            await().atMost(WAIT).until(() -> !onConversation.retries().isEmpty() && !onAgents.retries().isEmpty());
            typing(conversation, conversation.token(), true);
            await().atMost(WAIT).until(() -> !onConversation.events("typing").isEmpty());
            long marker = TestApi.post(conversation.id(), conversation.token(), "after typing");
            await().atMost(WAIT).until(() -> onAgents.ids().contains(marker));
            assertThat(onAgents.events("typing")).as("only agents who have the conversation open get its typing")
                    .isEmpty();
            SseEvent event = onConversation.events("typing").get(0);
            assertThat(event.id()).isNull();
            assertThat(event.<Boolean>json("typing")).isTrue();
            assertThat(event.<String>json("sender.role")).isEqualTo("customer");
            assertThat(event.<String>json("conversationId")).isEqualTo(conversation.id());
        }
    }

    private static void viewing(Started conversation, String token, Object viewing) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("viewing", viewing))
                .post("/api/conversations/{id}/viewing", conversation.id())
                .then().statusCode(204);
    }

    @Test
    void anAgentViewingAConversationReachesColleaguesOnTheAgentsStreamAndNeverTheCustomer() {
        Started conversation = TestApi.startConversation("Watched");
        String alice = TestApi.agentToken("alice");
        try (SseClient customer = stream(conversation, conversation.token());
             SseClient onAgents = SseClient.open(root.resolve("/api/agents/events?lastEventId="
                     + TestApi.lastEventId(conversation.id(), alice)), alice)) {
            await().atMost(WAIT).until(() -> !customer.retries().isEmpty() && !onAgents.retries().isEmpty());
            viewing(conversation, TestApi.agentToken("bob"), true);
            await().atMost(WAIT).until(() -> !onAgents.events("viewing").isEmpty());
            long marker = TestApi.post(conversation.id(), conversation.token(), "after viewing");
            await().atMost(WAIT).until(() -> customer.ids().contains(marker));

            assertThat(customer.events("viewing")).as("a customer never learns who looks at the conversation").isEmpty();
            SseEvent event = onAgents.events("viewing").get(0);
            assertThat(event.id()).isNull();
            assertThat(event.<String>json("conversationId")).isEqualTo(conversation.id());
            assertThat(event.<String>json("agent.id")).isEqualTo("bob");
            assertThat(event.<String>json("agent.name")).isEqualTo("Bob");
            assertThat(event.<Boolean>json("viewing")).isTrue();
        }
    }


    @Test
    void aCustomerCannotSayTheyAreViewingAndAMissingFlagIsABadRequest() {
        Started conversation = TestApi.startConversation("Nosy");
        given().auth().oauth2(conversation.token()).contentType(ContentType.JSON).body(Map.of("viewing", true))
                .post("/api/conversations/{id}/viewing", conversation.id()).then().statusCode(403);
        given().auth().oauth2(TestApi.agentToken("bob")).contentType(ContentType.JSON).body(Map.of())
                .post("/api/conversations/{id}/viewing", conversation.id()).then().statusCode(400)
                .body("error", equalTo("invalid-viewing"));
    }

    @Test
    void agentTypingReachesTheCustomer() {
        Started conversation = TestApi.startConversation("Waiting");
        try (SseClient customer = stream(conversation, conversation.token())) {
            await().atMost(WAIT).until(() -> !customer.retries().isEmpty());
            typing(conversation, TestApi.agentToken("bob"), true);
            await().atMost(WAIT).until(() -> !customer.events("typing").isEmpty());
            assertThat(customer.events("typing").get(0).<String>json("sender.name")).isEqualTo("Bob");
        }
    }

    @Test
    void typingEndsByItselfWithoutARefresh() {
        Started conversation = TestApi.startConversation("Gone quiet");
        try (SseClient customer = stream(conversation, conversation.token())) {
            await().atMost(WAIT).until(() -> !customer.retries().isEmpty());
            typing(conversation, TestApi.agentToken("alice"), true);
            await().atMost(WAIT).until(() -> customer.events("typing").size() == 2);
            assertThat(customer.events("typing").get(1).<Boolean>json("typing")).isFalse();
        }
    }

    @Test
    void typingIsNeverStored() {
        Started conversation = TestApi.startConversation("Ephemeral");
        long before = TestApi.lastEventId(conversation.id(), conversation.token());
        typing(conversation, conversation.token(), true);
        typing(conversation, conversation.token(), false);
        assertThat(TestApi.lastEventId(conversation.id(), conversation.token())).isEqualTo(before);
    }

    @Test
    void anAgentTypingInAnUnknownConversationIsNotFound() {
        given().auth().oauth2(TestApi.agentToken("alice")).contentType(ContentType.JSON).body(Map.of("typing", true))
                .post("/api/conversations/{id}/typing", "no-such-conversation")
                .then().statusCode(404).body("error", equalTo("not-found"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"typing\":1}", "{\"typing\":\"yes\"}", "{\"typing\":null}"})
    void rejectsAnInvalidTypingBody(String body) {
        Started conversation = TestApi.startConversation("Typo");
        given().auth().oauth2(conversation.token()).contentType(ContentType.JSON).body(body)
                .post("/api/conversations/{id}/typing", conversation.id())
                .then().statusCode(400);
    }

    @Test
    void readingMovesTheReadersMarkAndTellsTheOtherSide() {
        Started conversation = TestApi.startConversation("Reader");
        long message = TestApi.post(conversation.id(), conversation.token(), "Hello?");
        String agent = TestApi.agentToken("alice");
        given().auth().oauth2(agent).contentType(ContentType.JSON).body(Map.of("upTo", message))
                .post("/api/conversations/{id}/read", conversation.id())
                .then().statusCode(200)
                .body("conversation.agentReadUpTo", equalTo(message))
                .body("conversation.customerReadUpTo", equalTo(0));
        try (SseClient customer = stream(conversation, conversation.token())) {
            await().atMost(WAIT).until(() -> !customer.events("read").isEmpty());
            SseEvent read = customer.events("read").get(0);
            assertThat(read.id()).isNotNull();
            assertThat(read.<String>json("reader.role")).isEqualTo("agent");
            assertThat(((Number) read.json("upTo")).longValue()).isEqualTo(message);
        }
    }

    @Test
    void readingBackwardsChangesNothing() {
        Started conversation = TestApi.startConversation("Reread");
        long first = TestApi.post(conversation.id(), conversation.token(), "one");
        long second = TestApi.post(conversation.id(), conversation.token(), "two");
        given().auth().oauth2(conversation.token()).contentType(ContentType.JSON).body(Map.of("upTo", second))
                .post("/api/conversations/{id}/read", conversation.id()).then().statusCode(200);
        long before = TestApi.lastEventId(conversation.id(), conversation.token());
        given().auth().oauth2(conversation.token()).contentType(ContentType.JSON).body(Map.of("upTo", first))
                .post("/api/conversations/{id}/read", conversation.id())
                .then().statusCode(200).body("conversation.customerReadUpTo", equalTo(second));
        assertThat(TestApi.lastEventId(conversation.id(), conversation.token())).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"upTo\":0}", "{\"upTo\":-3}", "{\"upTo\":1.5}", "{\"upTo\":\"12\"}",
            "{\"upTo\":9223372036854775807}"})
    void rejectsAnInvalidReadMark(String body) {
        Started conversation = TestApi.startConversation("Marks");
        given().auth().oauth2(conversation.token()).contentType(ContentType.JSON).body(body)
                .post("/api/conversations/{id}/read", conversation.id())
                .then().statusCode(400);
    }
}
