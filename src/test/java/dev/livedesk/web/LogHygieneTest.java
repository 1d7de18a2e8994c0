package dev.livedesk.web;

import dev.livedesk.support.LogCapture;
import dev.livedesk.support.SseClient;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Whatever LiveDesk logs, at any level, never holds a token, a password or a message's text. */
@Tag("quarkus")
@QuarkusTest
class LogHygieneTest {

    @TestHTTPResource("/")
    URI root;

    @Test
    void logsHoldNoTokenPasswordOrMessageText() {
        String secretText = "my card number is 4111-1111-SECRET";
        String password = TestApi.PASSWORDS.get("alice");
        try (LogCapture capture = new LogCapture()) {
            org.jboss.logging.Logger.getLogger("dev.livedesk.web").debug("log-hygiene-capture-works");
            given().contentType(ContentType.JSON).body(Map.of("username", "alice", "password", "wrong-" + password))
                    .post("/api/agents/login").then().statusCode(401);
            String agentToken = given().contentType(ContentType.JSON)
                    .body(Map.of("username", "alice", "password", password))
                    .post("/api/agents/login").then().statusCode(200).extract().path("token");
            Started conversation = TestApi.startConversation("Privacy");
            TestApi.post(conversation.id(), conversation.token(), secretText);
            given().auth().oauth2(conversation.token() + "tampered").get("/api/conversations/{id}", conversation.id())
                    .then().statusCode(401);
            given().auth().oauth2(agentToken).contentType(ContentType.JSON).body("{\"text\":")
                    .post("/api/conversations/{id}/messages", conversation.id()).then().statusCode(400);
            try (SseClient stream = SseClient.open(root.resolve("/api/conversations/" + conversation.id() + "/events"),
                    Map.of("Cookie", "livedesk_customer=" + conversation.token()))) {
                await().atMost(Duration.ofSeconds(10)).until(() -> stream.ids().size() == 2);
            }

            List<String> lines = capture.lines();
            assertThat(lines).as("the capture sees LiveDesk's debug records").contains("log-hygiene-capture-works");
            assertThat(lines).noneMatch(line -> line.contains(conversation.token()))
                    .noneMatch(line -> line.contains(agentToken))
                    .noneMatch(line -> line.contains(password))
                    .noneMatch(line -> line.contains("SECRET"));
        }
    }
}
