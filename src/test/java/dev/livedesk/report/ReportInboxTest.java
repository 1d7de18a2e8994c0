package dev.livedesk.report;

import dev.livedesk.support.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Reports by inbox: a supervisor's cover the inboxes they belong to, {@code ?inbox=} picks one of them, and an admin's
 * cover every inbox. Alice is a supervisor outside the inbox made here; erin is an admin.
 */
@Tag("quarkus")
@QuarkusTest
class ReportInboxTest {

    private String inboxId;
    private String websiteToken;

    @BeforeEach
    void inboxWithoutAlice() {
        Response created = given().auth().oauth2(TestApi.agentToken("erin")).contentType(ContentType.JSON)
                .body(Map.of("name", "Reports B")).post("/api/inboxes").then().statusCode(201).extract().response();
        inboxId = created.path("inbox.id");
        websiteToken = created.path("inbox.websiteToken");
    }

    private static int conversations(String agent, String query) {
        return given().auth().oauth2(TestApi.agentToken(agent)).get("/api/reports/summary?tz=UTC" + query).then()
                .statusCode(200).extract().path("conversations");
    }

    /** A conversation of the inbox in which the customer has written (an empty one is not counted). */
    private void startInInbox() {
        Response started = given().contentType(ContentType.JSON)
                .body(Map.of("customerName", "Ann", "websiteToken", websiteToken)).post("/api/conversations").then()
                .statusCode(201).extract().response();
        TestApi.post(started.path("conversation.id"), started.path("token"), "Where is my parcel?");
    }

    @Test
    void aSupervisorsReportLeavesOutInboxesTheyDoNotBelongTo() {
        int alices = conversations("alice", "");
        int erins = conversations("erin", "");

        startInInbox();

        assertThat(conversations("alice", "")).isEqualTo(alices);
        assertThat(conversations("erin", "")).isEqualTo(erins + 1);
    }

    @Test
    void inboxPicksOneInbox() {
        startInInbox();
        startInInbox();

        assertThat(conversations("erin", "&inbox=" + inboxId)).isEqualTo(2);
        String csv = given().auth().oauth2(TestApi.agentToken("erin"))
                .get("/api/reports/conversations.csv?tz=UTC&inbox=" + inboxId).then().statusCode(200).extract()
                .asString();
        assertThat(csv.lines()).hasSize(3);
    }

    @Test
    void anInboxTheSupervisorDoesNotBelongToIsForbidden() {
        for (String endpoint : List.of("/api/reports/summary", "/api/reports/conversations.csv")) {
            given().auth().oauth2(TestApi.agentToken("alice")).queryParam("inbox", inboxId).get(endpoint).then()
                    .statusCode(403);
        }
    }

    @Test
    void aSupervisorWhoJoinsAnInboxGetsItsReport() {
        given().auth().oauth2(TestApi.agentToken("erin")).contentType(ContentType.JSON)
                .body(Map.of("agentIds", List.of("alice"))).put("/api/inboxes/{id}/members", inboxId)
                .then().statusCode(200);
        startInInbox();

        assertThat(conversations("alice", "&inbox=" + inboxId)).isEqualTo(1);
    }

    @Test
    void anUnknownInboxIsNotFound() {
        given().auth().oauth2(TestApi.agentToken("erin")).queryParam("inbox", "no-such-inbox")
                .get("/api/reports/summary").then().statusCode(404).body("error", equalTo("not-found"));
    }
}
