package dev.livedesk.chat;

import dev.livedesk.support.SseClient;
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
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.containsString;

@Tag("quarkus")
@QuarkusTest
class ConversationResourceTest {

    @TestHTTPResource("/")
    URI root;

    @Test
    void startsAConversationWithLocationAndToken() {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("customerName", "Ann", "topic", "Order 1234"))
                .post("/api/conversations")
                .then().statusCode(201)
                .body("conversation.id", notNullValue())
                .body("conversation.customerName", equalTo("Ann"))
                .body("conversation.topic", equalTo("Order 1234"))
                .body("conversation.status", equalTo("QUEUED"))
                .body("token", notNullValue())
                .extract().path("conversation.id");
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/conversations")
                .then().statusCode(201).header("Location", not(endsWith(id)));
    }

    @Test
    void startsAConversationWithoutBody() {
        given().contentType(ContentType.JSON).post("/api/conversations")
                .then().statusCode(201).body("conversation.customerName", equalTo("Guest"))
                .header("Location", containsString("/api/conversations/"));
    }

    @Test
    void showsStateWithTheNewestEventId() {
        Started conversation = TestApi.startConversation("State");
        long eventId = TestApi.post(conversation.id(), conversation.token(), "hi");
        given().auth().oauth2(conversation.token()).get("/api/conversations/{id}", conversation.id())
                .then().statusCode(200)
                .body("conversation.id", equalTo(conversation.id()))
                .body("lastEventId", equalTo(eventId));
    }

    @Test
    void pagesThroughHistoryAfterAnEventId() {
        Started conversation = TestApi.startConversation("Pages");
        List<Long> ids = List.of(
                TestApi.post(conversation.id(), conversation.token(), "one"),
                TestApi.post(conversation.id(), conversation.token(), "two"),
                TestApi.post(conversation.id(), conversation.token(), "three"));
        given().auth().oauth2(conversation.token())
                .queryParam("limit", 2)
                .get("/api/conversations/{id}/messages", conversation.id())
                .then().statusCode(200)
                .body("messages.message.text", equalTo(List.of("one", "two")))
                .body("messages.eventId", equalTo(ids.subList(0, 2)))
                .body("hasMore", equalTo(true))
                .body("lastEventId", equalTo(ids.get(2)));
        given().auth().oauth2(conversation.token())
                .queryParam("after", ids.get(1))
                .get("/api/conversations/{id}/messages", conversation.id())
                .then().statusCode(200)
                .body("messages.message.text", equalTo(List.of("three")))
                .body("hasMore", equalTo(false));
    }

    @Test
    void repeatedClientMessageIdReturnsTheOriginalAndEmitsNothing() {
        Started conversation = TestApi.startConversation("Retry");
        Map<String, String> body = Map.of("text", "only once", "clientMessageId", "tab1:msg-7");
        String firstId = given().auth().oauth2(conversation.token()).contentType(ContentType.JSON).body(body)
                .post("/api/conversations/{id}/messages", conversation.id())
                .then().statusCode(201).extract().path("message.id");
        long before = TestApi.lastEventId(conversation.id(), conversation.token());
        given().auth().oauth2(conversation.token()).contentType(ContentType.JSON)
                .body(Map.of("text", "a different text", "clientMessageId", "tab1:msg-7"))
                .post("/api/conversations/{id}/messages", conversation.id())
                .then().statusCode(200)
                .body("message.id", equalTo(firstId))
                .body("message.text", equalTo("only once"));
        assertThat(TestApi.lastEventId(conversation.id(), conversation.token())).isEqualTo(before);
        try (SseClient stream = SseClient.open(root.resolve("/api/conversations/" + conversation.id() + "/events"),
                conversation.token())) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> stream.ids().size() == 2);
            assertThat(stream.ids()).hasSize(2);
        }
    }

    @Test
    void sameClientMessageIdInAnotherConversationIsANewMessage() {
        Started first = TestApi.startConversation("One");
        Started second = TestApi.startConversation("Two");
        for (Started conversation : List.of(first, second)) {
            given().auth().oauth2(conversation.token()).contentType(ContentType.JSON)
                    .body(Map.of("text", "hello", "clientMessageId", "same"))
                    .post("/api/conversations/{id}/messages", conversation.id())
                    .then().statusCode(201);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}", "{\"text\":\"\"}", "{\"text\":\"   \"}", "{\"text\":null}", "{\"text\":42}", "{\"text\":[\"a\"]}",
            "{\"text\":\"\\ud800 lone surrogate\"}", "{\"text\":\"ok\",\"clientMessageId\":\"has space\"}",
            "{\"text\":\"ok\",\"clientMessageId\":\"\"}", "{\"text\":", "[]", "\"text\"", "null"})
    void rejectsInvalidMessageBodies(String body) {
        Started conversation = TestApi.startConversation("Invalid");
        given().auth().oauth2(conversation.token()).contentType(ContentType.JSON).body(body)
                .post("/api/conversations/{id}/messages", conversation.id())
                .then().statusCode(400).body("error", notNullValue()).body("message", notNullValue());
        assertThat(given().auth().oauth2(conversation.token())
                .get("/api/conversations/{id}/messages", conversation.id())
                .then().extract().<List<Object>>path("messages")).isEmpty();
    }

    @Test
    void rejectsTextLongerThanTheLimit() {
        Started conversation = TestApi.startConversation("Long");
        given().auth().oauth2(conversation.token()).contentType(ContentType.JSON)
                .body(Map.of("text", "x".repeat(4001)))
                .post("/api/conversations/{id}/messages", conversation.id())
                .then().statusCode(400).body("error", equalTo("invalid-text"));
        given().auth().oauth2(conversation.token()).contentType(ContentType.JSON)
                .body(Map.of("text", "😀".repeat(4000)))
                .post("/api/conversations/{id}/messages", conversation.id())
                .then().statusCode(201);
    }

    @Test
    void rejectsOverlongCustomerName() {
        given().contentType(ContentType.JSON).body(Map.of("customerName", "n".repeat(101)))
                .post("/api/conversations")
                .then().statusCode(400).body("error", equalTo("invalid-customerName"));
    }

    @Test
    void rejectsANonJsonContentType() {
        Started conversation = TestApi.startConversation("Type");
        given().auth().oauth2(conversation.token()).contentType(ContentType.TEXT).body("hello")
                .post("/api/conversations/{id}/messages", conversation.id())
                .then().statusCode(415).body("error", notNullValue());
    }

    @Test
    void unknownConversationIsNotFoundForAgents() {
        String agent = TestApi.agentToken("alice");
        given().auth().oauth2(agent).get("/api/conversations/{id}", "no-such-conversation")
                .then().statusCode(404).body("error", equalTo("not-found"));
        given().auth().oauth2(agent).contentType(ContentType.JSON).body(Map.of("text", "hi"))
                .post("/api/conversations/{id}/messages", "no-such-conversation")
                .then().statusCode(404).body("error", equalTo("not-found"));
        try (SseClient stream = SseClient.open(root.resolve("/api/conversations/no-such-conversation/events"), agent)) {
            assertThat(stream.status()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=201", "limit=-1", "limit=abc", "after=-5", "after=1e3",
            "after=99999999999999999999"})
    void rejectsInvalidPagingParameters(String query) {
        Started conversation = TestApi.startConversation("Paging");
        given().auth().oauth2(conversation.token())
                .get("/api/conversations/" + conversation.id() + "/messages?" + query)
                .then().statusCode(400).body("error", notNullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "1.5", "1 2", "12345678901234567890", "0x10"})
    void rejectsInvalidLastEventIdBeforeTheStreamStarts(String lastEventId) {
        Started conversation = TestApi.startConversation("Resume");
        try (SseClient stream = SseClient.open(root.resolve("/api/conversations/" + conversation.id() + "/events"),
                Map.of("Authorization", "Bearer " + conversation.token(), "Last-Event-ID", lastEventId))) {
            assertThat(stream.status()).isEqualTo(400);
            assertThat(stream.errorBody()).contains("invalid-Last-Event-ID");
        }
    }

    @Test
    void unknownPathIsAJsonNotFound() {
        given().get("/api/nothing-here").then().statusCode(404).contentType(ContentType.JSON)
                .body("error", equalTo("not-found"));
    }
}
