package dev.livedesk.report;

import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** The team lead's reports over HTTP, on the memory store. */
@Tag("quarkus")
@QuarkusTest
class ReportApiTest {

    private static final List<String> ENDPOINTS = List.of("/api/reports/summary", "/api/reports/conversations.csv");

    private static JsonPath summary(String query) {
        return given().auth().oauth2(TestApi.agentToken("alice")).get("/api/reports/summary" + query)
                .then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath today() {
        return summary("?tz=UTC");
    }

    @Test
    void aPlainAgentIsRefusedEveryReport() {
        for (String endpoint : ENDPOINTS) {
            given().auth().oauth2(TestApi.agentToken("bob")).get(endpoint).then().statusCode(403);
        }
    }

    @Test
    void aCustomerIsRefusedEveryReport() {
        Started customer = TestApi.startConversation("Curious");
        for (String endpoint : ENDPOINTS) {
            given().auth().oauth2(customer.token()).get(endpoint).then().statusCode(403);
        }
    }

    @Test
    void reportsNeedACredential() {
        for (String endpoint : ENDPOINTS) {
            given().get(endpoint).then().statusCode(401);
        }
    }

    @Test
    void aMalformedRangeIsABadRequest() {
        for (String query : List.of("?tz=Mars/Olympus", "?from=2026-13-01", "?from=yesterday",
                "?from=2026-11-02&to=2026-11-01", "?from=2025-01-01&to=2026-11-01")) {
            for (String endpoint : ENDPOINTS) {
                given().auth().oauth2(TestApi.agentToken("alice")).get(endpoint + query)
                        .then().statusCode(400).contentType(ContentType.JSON).body("error", equalTo("invalid-range"));
            }
        }
    }

    @Test
    void loginSaysWhetherTheAgentIsASupervisor() {
        for (Map.Entry<String, String> agent : Map.of("alice", "SUPERVISOR", "bob", "AGENT").entrySet()) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("username", agent.getKey(), "password", TestApi.PASSWORDS.get(agent.getKey())))
                    .post("/api/agents/login").then().statusCode(200)
                    .body("agent.role", equalTo(agent.getValue()));
        }
    }

    @Test
    void theSummaryCountsWhatHappensToday() {
        JsonPath before = today();
        Started unanswered = TestApi.startConversation("Nobody answered");
        TestApi.post(unanswered.id(), unanswered.token(), "Is anyone there?");
        TestApi.startConversation("Wrote nothing");
        Started handedOff = TestApi.startConversation("Handed off");
        TestApi.post(handedOff.id(), handedOff.token(), "My parcel is late");
        String bob = TestApi.agentToken("bob");
        given().auth().oauth2(bob).contentType(ContentType.JSON).body(Map.of())
                .post("/api/conversations/{id}/assign", handedOff.id()).then().statusCode(200);
        TestApi.post(handedOff.id(), bob, "Hello, Bob here");
        given().auth().oauth2(bob).post("/api/conversations/{id}/resolve", handedOff.id()).then().statusCode(200);
        given().auth().oauth2(handedOff.token()).contentType(ContentType.JSON)
                .body(Map.of("score", 5, "comment", "Quick and kind"))
                .post("/api/conversations/{id}/rating", handedOff.id()).then().statusCode(201);

        JsonPath after = today();
        assertThat(after.getInt("conversations") - before.getInt("conversations")).isEqualTo(2);
        assertThat(after.getInt("empty") - before.getInt("empty")).as("a customer who wrote nothing").isEqualTo(1);
        assertThat(after.getInt("handedOff") - before.getInt("handedOff"))
                .as("the test profile starts conversations in the queue").isEqualTo(2);
        assertThat(after.getInt("resolvedByAssistant")).isEqualTo(before.getInt("resolvedByAssistant"));
        assertThat(after.getInt("rating.count") - before.getInt("rating.count")).isEqualTo(1);
        assertThat(after.getInt("rating.distribution.'5'") - before.getInt("rating.distribution.'5'")).isEqualTo(1);
        assertThat(after.getInt("byAgent.find { it.agentId == 'bob' }.conversations")
                - before.getInt("byAgent.find { it.agentId == 'bob' }.conversations")).isEqualTo(1);
        assertThat(after.getDouble("deflectionRate")).isBetween(0.0, 1.0);
        assertThat(after.getString("firstResponseSeconds.median")).isNotNull();
        assertThat(after.getString("rating.recent.find { it.conversationId == '" + handedOff.id() + "' }.comment"))
                .isEqualTo("Quick and kind");
    }

    @Test
    void byHourListsEveryHourOfTheDayInTheReportsZone() {
        JsonPath newYork = summary("?from=2026-11-01&to=2026-11-01&tz=America/New_York");
        assertThat(newYork.getList("byHour")).as("the day summer time ends has 25 hours").hasSize(25);
        assertThat(newYork.getString("byHour[0].hour")).isEqualTo("2026-11-01T00:00-04:00");
        assertThat(newYork.getString("byHour[24].hour")).isEqualTo("2026-11-01T23:00-05:00");
        JsonPath kolkata = summary("?from=2026-11-01&to=2026-11-02&tz=Asia/Kolkata");
        assertThat(kolkata.getList("byHour")).hasSize(48);
        assertThat(kolkata.getString("byHour[0].hour")).isEqualTo("2026-11-01T00:00+05:30");
    }

    @Test
    void anEmptyRangeHasZerosAndNoAverages() {
        JsonPath empty = summary("?from=2020-01-01&to=2020-01-01");
        assertThat(empty.getInt("conversations")).isZero();
        assertThat(empty.getDouble("deflectionRate")).isZero();
        assertThat(empty.getString("firstResponseSeconds.median")).isNull();
        assertThat(empty.getString("rating.average")).isNull();
        assertThat(empty.getList("byHour")).hasSize(24).allSatisfy(hour ->
                assertThat(((Map<?, ?>) hour).get("conversations")).isEqualTo(0));
    }

    @Test
    void theCsvQuotesAndDefusesWhatCustomersWrote() {
        Started formula = TestApi.startConversation("=HYPERLINK(\"http://evil.example\",\"x\")");
        Started comma = TestApi.startConversation("Doe, Jane");
        Started at = TestApi.startConversation("@SUM(A1)");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String csv = given().auth().oauth2(TestApi.agentToken("alice"))
                .get("/api/reports/conversations.csv?from=" + today + "&to=" + today)
                .then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", startsWith("attachment"))
                .extract().asString();
        assertThat(csv).startsWith("id,created,customerName,status,assignee,assigneeName,labels,"
                + "firstResponseSeconds,resolutionSeconds,rating,ratingComment\r\n");
        assertThat(line(csv, formula.id())).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",QUEUED,");
        assertThat(line(csv, comma.id())).contains(",\"Doe, Jane\",QUEUED,");
        assertThat(line(csv, at.id())).contains(",'@SUM(A1),QUEUED,");
    }

    private static String line(String csv, String id) {
        return csv.lines().filter(line -> line.startsWith(id + ",")).findFirst().orElseThrow();
    }
}
