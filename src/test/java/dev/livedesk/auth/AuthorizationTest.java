package dev.livedesk.auth;

import dev.livedesk.support.SseClient;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@Tag("quarkus")
@QuarkusTest
class AuthorizationTest {

    @TestHTTPResource("/")
    URI root;

    private URI events(String conversationId) {
        return root.resolve("/api/conversations/" + conversationId + "/events");
    }

    @Test
    void customerCannotReadAnotherConversation() {
        Started mine = TestApi.startConversation("A");
        Started theirs = TestApi.startConversation("B");
        given().auth().oauth2(mine.token()).get("/api/conversations/{id}", theirs.id())
                .then().statusCode(403).body("error", equalTo("forbidden"));
        given().auth().oauth2(mine.token()).get("/api/conversations/{id}/messages", theirs.id())
                .then().statusCode(403);
        try (SseClient stream = SseClient.open(events(theirs.id()), mine.token())) {
            assertThat(stream.status()).isEqualTo(403);
            assertThat(stream.errorBody()).contains("\"error\":\"forbidden\"");
        }
    }

    @Test
    void customerCannotPostToAnotherConversation() {
        Started mine = TestApi.startConversation("A");
        Started theirs = TestApi.startConversation("B");
        given().auth().oauth2(mine.token()).contentType(ContentType.JSON).body(Map.of("text", "hi"))
                .post("/api/conversations/{id}/messages", theirs.id())
                .then().statusCode(403);
        given().auth().oauth2(theirs.token()).get("/api/conversations/{id}/messages", theirs.id())
                .then().statusCode(200).body("messages.size()", equalTo(0));
    }

    @Test
    void customerCannotOpenTheAgentsStream() {
        Started mine = TestApi.startConversation("A");
        try (SseClient stream = SseClient.open(root.resolve("/api/agents/events"), mine.token())) {
            assertThat(stream.status()).isEqualTo(403);
        }
    }

    @Test
    void requestsWithoutCredentialAreUnauthorized() {
        Started conversation = TestApi.startConversation("A");
        given().get("/api/conversations/{id}", conversation.id()).then().statusCode(401)
                .body("error", equalTo("unauthorized"));
        given().contentType(ContentType.JSON).body(Map.of("text", "hi"))
                .post("/api/conversations/{id}/messages", conversation.id()).then().statusCode(401);
        try (SseClient stream = SseClient.open(events(conversation.id()), Map.of())) {
            assertThat(stream.status()).isEqualTo(401);
        }
        try (SseClient stream = SseClient.open(root.resolve("/api/agents/events"), Map.of())) {
            assertThat(stream.status()).isEqualTo(401);
        }
    }

    @Test
    void tokenInTheUrlIsNotAccepted() {
        Started conversation = TestApi.startConversation("A");
        given().queryParam("token", conversation.token()).queryParam("access_token", conversation.token())
                .get("/api/conversations/{id}", conversation.id()).then().statusCode(401);
    }

    @ParameterizedTest
    @CsvSource({"tampered", "forged", "garbage", "not-bearer"})
    void invalidCredentialsAreUnauthorized(String kind) {
        Started conversation = TestApi.startConversation("A");
        String header = switch (kind) {
            case "tampered" -> "Bearer " + tamper(conversation.token());
            case "forged" -> "Bearer " + TokenServiceTest.service("another-key-that-is-at-least-32-bytes-long")
                    .issueAgent("mallory", "Mallory", Role.AGENT);
            case "garbage" -> "Bearer not.a.token";
            default -> "Basic " + conversation.token();
        };
        given().header("Authorization", header).get("/api/conversations/{id}", conversation.id())
                .then().statusCode(401).body("error", equalTo("unauthorized"));
    }

    @Test
    void agentReadsAnyConversationAndPostsAsAgent() {
        Started conversation = TestApi.startConversation("A");
        String agent = TestApi.agentToken("alice");
        given().auth().oauth2(agent).get("/api/conversations/{id}", conversation.id()).then().statusCode(200);
        given().auth().oauth2(agent).contentType(ContentType.JSON).body(Map.of("text", "How can I help?"))
                .post("/api/conversations/{id}/messages", conversation.id())
                .then().statusCode(201)
                .body("message.sender.role", equalTo("agent"))
                .body("message.sender.id", equalTo("alice"))
                .body("message.sender.name", equalTo("Alice"));
        try (SseClient stream = SseClient.open(events(conversation.id()), agent)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.events("message").stream()
                    .anyMatch(event -> "How can I help?".equals(event.json("message.text"))));
        }
    }

    @Test
    void agentsStreamCarriesEveryConversation() {
        String agent = TestApi.agentToken("bob");
        try (SseClient stream = SseClient.open(root.resolve("/api/agents/events"), agent)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !stream.retries().isEmpty());
            Started first = TestApi.startConversation("One");
            Started second = TestApi.startConversation("Two");
            long a = TestApi.post(first.id(), first.token(), "from one");
            long b = TestApi.post(second.id(), second.token(), "from two");
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.ids().contains(b));
            assertThat(stream.ids()).containsSubsequence(a, b);
        }
    }

    @Test
    void customerCookieAuthenticatesAStreamLikeEventSource() {
        Started conversation = TestApi.startConversation("Browser");
        try (SseClient stream = SseClient.open(events(conversation.id()),
                Map.of("Cookie", AuthService.CUSTOMER_COOKIE + "=" + conversation.token()))) {
            assertThat(stream.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.ids().size() == 1);
        }
    }

    @Test
    void validAgentCookieWinsOverCustomerCookie() {
        Started mine = TestApi.startConversation("A");
        Started other = TestApi.startConversation("B");
        given().cookie(AuthService.CUSTOMER_COOKIE, mine.token())
                .cookie(AuthService.AGENT_COOKIE, TestApi.agentToken("alice"))
                .get("/api/conversations/{id}", other.id()).then().statusCode(200);
    }

    @Test
    void startingAConversationSetsAnHttpOnlyStrictCookie() {
        given().contentType(ContentType.JSON).body("{}").post("/api/conversations")
                .then().statusCode(201)
                .header("Set-Cookie", containsString(AuthService.CUSTOMER_COOKIE + "="))
                .header("Set-Cookie", containsString("HttpOnly"))
                .header("Set-Cookie", containsString("SameSite=Strict"))
                .header("Set-Cookie", containsString("Path=/api"));
    }

    @ParameterizedTest
    @CsvSource({"alice,alice-demo-password", "carol,carol-pass", "dave,dave-pass"})
    void agentsLogInWithAnyBcryptPrefix(String username, String password) {
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/agents/login")
                .then().statusCode(200)
                .body("agent.username", equalTo(username))
                .header("Set-Cookie", containsString(AuthService.AGENT_COOKIE + "="));
    }

    @ParameterizedTest
    @CsvSource({"alice,wrong", "nobody,alice-demo-password"})
    void loginWithBadCredentialsIsUnauthorized(String username, String password) {
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/agents/login")
                .then().statusCode(401).body("error", equalTo("unauthorized"));
    }

    @Test
    void signingOutExpiresTheAgentCookie() {
        given().cookie(AuthService.AGENT_COOKIE, TestApi.agentToken("alice")).post("/api/agents/logout")
                .then().statusCode(204)
                .header("Set-Cookie", containsString(AuthService.AGENT_COOKIE + "=;"))
                .header("Set-Cookie", containsString("Max-Age=0"))
                .header("Set-Cookie", containsString("HttpOnly"));
    }

    @Test
    void loginWithoutPasswordIsBadRequest() {
        given().contentType(ContentType.JSON).body(Map.of("username", "alice"))
                .post("/api/agents/login")
                .then().statusCode(400).body("error", equalTo("invalid-body"));
    }

    /** Changes one character of the payload, keeping the signature. */
    private static String tamper(String token) {
        String[] parts = token.split("\\.");
        char[] payload = parts[1].toCharArray();
        payload[10] = payload[10] == 'A' ? 'B' : 'A';
        return parts[0] + "." + new String(payload) + "." + parts[2];
    }
}
