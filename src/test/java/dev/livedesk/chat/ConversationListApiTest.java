package dev.livedesk.chat;

import dev.livedesk.support.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@Tag("quarkus")
@QuarkusTest
class ConversationListApiTest {

    @Test
    void pagesOfThreeReachEveryConversationOnceWhileMoreArrive() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(TestApi.startConversation("Paged " + i).id());
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonPath page = given().auth().oauth2(TestApi.agentToken("alice")).queryParam("limit", 3)
                    .queryParam("after", after == null ? "" : after).get("/api/conversations")
                    .then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("conversations.id");
            assertThat(ids).hasSizeLessThanOrEqualTo(3);
            seen.addAll(ids);
            after = page.getString("next");
            if (pages++ == 1) {
                created.add(TestApi.startConversation("Arrived while paging").id());
            }
        } while (after != null);

        assertThat(seen).doesNotHaveDuplicates().containsAll(created);
    }

    @Test
    void newestFirstStartsWithTheLatestConversation() {
        String latest = TestApi.startConversation("Latest").id();

        given().auth().oauth2(TestApi.agentToken("alice")).queryParam("order", "newest").queryParam("limit", 1)
                .get("/api/conversations").then().statusCode(200)
                .body("conversations[0].id", equalTo(latest));
    }

    @Test
    void theCountsEndpointCountsTheQueue() {
        String token = TestApi.agentToken("alice");
        int before = given().auth().oauth2(token).get("/api/conversations/counts").then().statusCode(200)
                .extract().path("queue");
        TestApi.startConversation("Counted");

        given().auth().oauth2(token).get("/api/conversations/counts").then().statusCode(200)
                .body("queue", equalTo(before + 1));
    }

    @Test
    void badPagingParametersAreRefused() {
        String token = TestApi.agentToken("alice");
        given().auth().oauth2(token).queryParam("limit", 0).get("/api/conversations").then().statusCode(400)
                .body("error", equalTo("invalid-limit"));
        given().auth().oauth2(token).queryParam("limit", 201).get("/api/conversations").then().statusCode(400);
        given().auth().oauth2(token).queryParam("after", "x1").get("/api/conversations").then().statusCode(400)
                .body("error", equalTo("invalid-after"));
        given().auth().oauth2(token).queryParam("order", "sideways").get("/api/conversations").then().statusCode(400)
                .body("error", equalTo("invalid-order"));
    }
}
