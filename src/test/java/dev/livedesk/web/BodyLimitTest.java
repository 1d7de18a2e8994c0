package dev.livedesk.web;

import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@Tag("quarkus")
@QuarkusTest
class BodyLimitTest {

    @Test
    void refusesABodyOverTheLimitWithAJson413AndStoresNothing() {
        Started conversation = TestApi.startConversation("Big");
        String body = "{\"text\":\"" + "x".repeat(70 * 1024) + "\"}";
        given().auth().oauth2(conversation.token()).contentType(ContentType.JSON).body(body)
                .post("/api/conversations/{id}/messages", conversation.id())
                .then().statusCode(413).contentType(ContentType.JSON).body("error", equalTo("body-too-large"));
        assertThat(given().auth().oauth2(conversation.token())
                .get("/api/conversations/{id}/messages", conversation.id())
                .then().extract().<List<Object>>path("messages")).isEmpty();
    }

    @Test
    void acceptsABodyJustUnderTheLimitAndJudgesItsContent() {
        Started conversation = TestApi.startConversation("Long");
        String body = "{\"text\":\"" + "x".repeat(60 * 1024) + "\"}";
        given().auth().oauth2(conversation.token()).contentType(ContentType.JSON).body(body)
                .post("/api/conversations/{id}/messages", conversation.id())
                .then().statusCode(400).body("error", equalTo("invalid-text"));
    }
}
