package dev.livedesk.chat;

import dev.livedesk.support.SseClient;
import dev.livedesk.support.TestApi.Started;
import dev.livedesk.support.TestApi;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The customer's satisfaction rating over HTTP. */
@Tag("quarkus")
@QuarkusTest
class RatingApiTest {

    @TestHTTPResource("/")
    URI root;

    private static Response rate(Started conversation, String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/conversations/{id}/rating", conversation.id());
    }

    private static Started resolved(String name) {
        Started conversation = TestApi.startConversation(name);
        given().auth().oauth2(conversation.token()).post("/api/conversations/{id}/resolve", conversation.id())
                .then().statusCode(200);
        return conversation;
    }

    @Test
    void theCustomerRatesAResolvedConversationOnceAndAgentsHearOfIt() {
        Started conversation = resolved("Rater");
        String alice = TestApi.agentToken("alice");
        long from = given().auth().oauth2(alice).get("/api/conversations").then().extract()
                .<Number>path("lastEventId").longValue();
        try (SseClient agents = SseClient.open(root.resolve("/api/agents/events?lastEventId=" + from), alice)) {
            rate(conversation, conversation.token(), Map.of("score", 4, "comment", "Quick, thanks"))
                    .then().statusCode(201).body("rating.score", equalTo(4))
                    .body("rating.comment", equalTo("Quick, thanks"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !agents.events("rating").isEmpty());
            assertThat(agents.events("rating").get(0).<Integer>json("rating.score")).isEqualTo(4);
            assertThat(agents.events("rating").get(0).id()).isNotNull();
        }
        given().auth().oauth2(conversation.token()).get("/api/conversations/{id}", conversation.id()).then()
                .statusCode(200).body("conversation.rating.score", equalTo(4));
        given().auth().oauth2(alice).get("/api/conversations/{id}", conversation.id()).then()
                .statusCode(200).body("conversation.rating.comment", equalTo("Quick, thanks"));
        rate(conversation, conversation.token(), Map.of("score", 5)).then().statusCode(409)
                .body("error", equalTo("already-rated"));
    }

    @Test
    void anOpenConversationCannotBeRated() {
        Started conversation = TestApi.startConversation("Too early");
        rate(conversation, conversation.token(), Map.of("score", 5)).then().statusCode(409)
                .body("error", equalTo("not-resolved"));
    }

    @Test
    void agentsMayNotRate() {
        Started conversation = resolved("Agent rating");
        rate(conversation, TestApi.agentToken("alice"), Map.of("score", 5)).then().statusCode(403);
    }

    @Test
    void aScoreOutsideOneToFiveOrALongCommentIsRefusedAndChangesNothing() {
        Started conversation = resolved("Bad rating");
        rate(conversation, conversation.token(), Map.of("score", 0)).then().statusCode(400)
                .body("error", equalTo("invalid-score"));
        rate(conversation, conversation.token(), Map.of("score", "5")).then().statusCode(400);
        rate(conversation, conversation.token(), Map.of("score", 3, "comment", "x".repeat(1001))).then()
                .statusCode(400).body("error", equalTo("invalid-comment"));
        rate(conversation, conversation.token(), Map.of()).then().statusCode(400);
        rate(conversation, conversation.token(), Map.of("score", 3)).then().statusCode(201);
    }
}
