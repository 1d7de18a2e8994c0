package dev.livedesk.web;

import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@Tag("quarkus")
@QuarkusTest
@TestProfile(RateLimitProfile.class)
class RateLimitTest {

    @TestHTTPResource("/")
    URI root;

    private static Response post(Started conversation, String text) {
        return given().auth().oauth2(conversation.token()).contentType(ContentType.JSON).body(Map.of("text", text))
                .post("/api/conversations/{id}/messages", conversation.id());
    }

    @Test
    void messagesPastTheLimitAreRefusedWithRetryAfter() {
        Started conversation = TestApi.startConversation("Chatty");
        for (int i = 0; i < RateLimitProfile.MESSAGES; i++) {
            post(conversation, "message " + i).then().statusCode(201);
        }
        post(conversation, "one too many").then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("too-many-messages"));
    }

    @Test
    void theMessageLimitHoldsUnderConcurrency() throws Exception {
        Started conversation = TestApi.startConversation("Burst");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> posts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                posts.add(() -> post(conversation, "burst " + n).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(posts)) {
                statuses.add(result.get());
            }
            assertThat(statuses.stream().filter(status -> status == 201)).hasSize(RateLimitProfile.MESSAGES);
            assertThat(statuses).containsOnly(201, 429);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAddressMayStartOnlySoManyConversations() throws IOException {
        for (int i = 0; i < RateLimitProfile.CONVERSATIONS; i++) {
            assertThat(startFrom("127.0.0.7")).startsWith("HTTP/1.1 201");
        }
        assertThat(startFrom("127.0.0.7")).startsWith("HTTP/1.1 429").contains("too-many-conversations");
        assertThat(startFrom("127.0.0.8")).startsWith("HTTP/1.1 201");
    }

    @Test
    void anInboxMayBeSentOnlySoManyConversationsFromAllAddressesTogether() throws IOException {
        String flooded = websiteToken();
        int address = 30;
        for (int i = 0; i < RateLimitProfile.CONVERSATIONS_PER_INBOX; i++) {
            if (i > 0 && i % RateLimitProfile.CONVERSATIONS == 0) {
                address++;
            }
            assertThat(startFrom("127.0.0." + address, flooded)).startsWith("HTTP/1.1 201");
        }
        assertThat(startFrom("127.0.0." + (address + 1), flooded)).startsWith("HTTP/1.1 429")
                .contains("too-many-conversations-for-inbox");
        assertThat(startFrom("127.0.0." + (address + 2), websiteToken())).startsWith("HTTP/1.1 201");
    }

    /** A new inbox's website token. */
    private static String websiteToken() {
        return given().auth().oauth2(TestApi.agentToken("erin")).contentType(ContentType.JSON)
                .body(Map.of("name", "Flooded")).post("/api/inboxes").then().statusCode(201).extract()
                .path("inbox.websiteToken");
    }

    @Test
    void typingReportsPastTheLimitAreRefused() {
        Started conversation = TestApi.startConversation("Typist");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < RateLimitProfile.TYPING + 3; i++) {
            statuses.add(given().auth().oauth2(conversation.token()).contentType(ContentType.JSON)
                    .body(Map.of("typing", true)).post("/api/conversations/{id}/typing", conversation.id())
                    .statusCode());
        }
        assertThat(statuses).contains(204, 429);
    }

    @Test
    void repeatedFailedLoginsMakeEvenTheRightPasswordWait() {
        for (int i = 0; i < RateLimitProfile.FREE_LOGIN_FAILURES; i++) {
            login("dave", "wrong").then().statusCode(401);
        }
        login("dave", "dave-pass").then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("too-many-login-attempts"));
        login("carol", "carol-pass").then().statusCode(200);
    }

    private static Response login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/agents/login");
    }

    /** Starts a conversation from a given loopback address; returns the raw response. */
    private String startFrom(String localAddress) throws IOException {
        return startFrom(localAddress, null);
    }

    /** Starts a conversation in an inbox (null: the default one) from a given loopback address. */
    private String startFrom(String localAddress, String websiteToken) throws IOException {
        String body = websiteToken == null ? "{}" : "{\"websiteToken\":\"" + websiteToken + "\"}";
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress(root.getHost(), root.getPort()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/conversations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
