package dev.livedesk.support;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Shortcuts for the REST calls tests make over and over. */
public final class TestApi {

    /** Demo agents of the test profile and their passwords. */
    public static final Map<String, String> PASSWORDS = Map.of("alice", "alice-demo-password", "bob", "bob-demo-password",
            "carol", "carol-pass", "dave", "dave-pass", "erin", "erin-pass");
    private static final Map<String, String> AGENT_TOKENS = new ConcurrentHashMap<>();

    private TestApi() {
    }

    /** A started conversation and its customer's token. */
    public record Started(String id, String token) {
    }

    public static Started startConversation(String customerName) {
        Response response = given().contentType(ContentType.JSON)
                .body(Map.of("customerName", customerName))
                .post("/api/conversations")
                .then().statusCode(201).extract().response();
        return new Started(response.path("conversation.id"), response.path("token"));
    }

    /** A token for a demo agent, logged in once per test run (bcrypt is slow on purpose). */
    public static String agentToken(String username) {
        return AGENT_TOKENS.computeIfAbsent(username, name -> given().contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", PASSWORDS.get(name)))
                .post("/api/agents/login")
                .then().statusCode(200).extract().path("token"));
    }

    /** Posts a message and returns its event id. */
    public static long post(String conversationId, String token, String text) {
        return given().contentType(ContentType.JSON).auth().oauth2(token)
                .body(Map.of("text", text))
                .post("/api/conversations/{id}/messages", conversationId)
                .then().statusCode(201).extract().<Number>path("eventId").longValue();
    }

    /** The conversation's status, as its customer or an agent sees it. */
    public static String status(String conversationId, String token) {
        return given().auth().oauth2(token).get("/api/conversations/{id}", conversationId)
                .then().statusCode(200).extract().path("conversation.status");
    }

    /** Sets an agent's presence. */
    public static void setStatus(String agentToken, String status) {
        given().auth().oauth2(agentToken).contentType(ContentType.JSON).body(Map.of("status", status))
                .put("/api/agents/me/status")
                .then().statusCode(200);
    }

    /** The conversation's newest event id. */
    /** The application's Prometheus text, as a scrape reads it. */
    public static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one sample line of {@link #metrics()}, e.g. {@code livedesk_events_delivered_total}. */
    public static double metric(String metrics, String sample) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(sample) + " ([0-9.Ee+-]+)$").matcher(metrics);
        assertThat(matcher.find()).as("sample %s", sample).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    public static long lastEventId(String conversationId, String token) {
        return given().auth().oauth2(token).get("/api/conversations/{id}", conversationId)
                .then().statusCode(200).extract().<Number>path("lastEventId").longValue();
    }
}
