package dev.livedesk.web;

import dev.livedesk.auth.AuthService;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** CORS for listed origins only, and no cookie-authenticated change from another origin (CSRF). */
@Tag("quarkus")
@QuarkusTest
class OriginPolicyTest {

    private static final String PARTNER = "https://partner.example";
    private static final String EVIL = "https://evil.example";

    @TestHTTPResource("/")
    URI root;

    private static RequestSpecification withCookie(Started conversation, String origin) {
        RequestSpecification request = given().cookie(AuthService.CUSTOMER_COOKIE, conversation.token())
                .contentType(ContentType.JSON).body(Map.of("text", "hello"));
        return origin == null ? request : request.header("Origin", origin);
    }

    private String ownOrigin() {
        return "http://" + root.getHost() + ":" + root.getPort();
    }

    @Test
    void refusesACookieAuthenticatedChangeFromAnotherOrigin() {
        Started conversation = TestApi.startConversation("Victim");
        long before = TestApi.lastEventId(conversation.id(), conversation.token());
        withCookie(conversation, EVIL).post("/api/conversations/{id}/messages", conversation.id())
                .then().statusCode(403).body("error", equalTo("cross-origin-request"));
        assertThat(TestApi.lastEventId(conversation.id(), conversation.token())).isEqualTo(before);
    }

    @Test
    void refusesACrossSiteChangeWithoutOriginWhenTheBrowserSaysSo() {
        Started conversation = TestApi.startConversation("Victim");
        withCookie(conversation, null).header("Sec-Fetch-Site", "cross-site")
                .post("/api/conversations/{id}/messages", conversation.id())
                .then().statusCode(403);
    }

    @Test
    void acceptsACookieAuthenticatedChangeFromTheOwnOrigin() {
        Started conversation = TestApi.startConversation("Own");
        withCookie(conversation, ownOrigin()).post("/api/conversations/{id}/messages", conversation.id())
                .then().statusCode(201);
    }

    @Test
    void bearerRequestsAreNotAffected() {
        Started conversation = TestApi.startConversation("Api");
        given().auth().oauth2(conversation.token()).header("Origin", EVIL).contentType(ContentType.JSON)
                .body(Map.of("text", "hello")).post("/api/conversations/{id}/messages", conversation.id())
                .then().statusCode(201).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void anAllowedOriginGetsCorsHeadersWithCredentialsAndNeverAWildcard() {
        Started conversation = TestApi.startConversation("Partner");
        withCookie(conversation, PARTNER).post("/api/conversations/{id}/messages", conversation.id())
                .then().statusCode(201)
                .header("Access-Control-Allow-Origin", PARTNER)
                .header("Access-Control-Allow-Credentials", "true");
    }

    @Test
    void answersPreflightsOnlyForAllowedOrigins() {
        given().header("Origin", PARTNER).header("Access-Control-Request-Method", "POST")
                .options("/api/conversations")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", PARTNER)
                .header("Access-Control-Allow-Headers", equalTo("Authorization, Content-Type, Last-Event-ID"));
        given().header("Origin", EVIL).header("Access-Control-Request-Method", "POST")
                .options("/api/conversations")
                .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void readsFromAnotherOriginGetNoCorsHeaders() {
        given().header("Origin", EVIL).get("/api/status")
                .then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void loginFromAnotherOriginIsRefused() {
        given().header("Origin", EVIL).contentType(ContentType.JSON)
                .body(Map.of("username", "alice", "password", TestApi.PASSWORDS.get("alice")))
                .post("/api/agents/login")
                .then().statusCode(403);
    }
}
