package dev.livedesk.web;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Generated bad input against the packaged application (started here, with the test profile): bodies, headers,
 * path ids and resume ids. Every answer is a 2xx or a 4xx, never a 500, and input that is refused changes nothing.
 * Five properties, 10,500 cases in all.
 */
@Tag("packaged")
class BadInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> FIELDS = List.of("text", "clientMessageId", "customerName", "topic", "typing",
            "upTo", "agentId", "status", "username", "password", "extra");

    private static Process app;
    private static URI root;
    private static String conversationId;
    private static String customerToken;
    private static String agentToken;

    @BeforeContainer
    static void startApplication() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        root = URI.create("http://localhost:" + port);
        app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.profile=test", "-Dquarkus.http.port=" + port,
                "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString())
                .redirectErrorStream(true).redirectOutput(Path.of("target", "bad-input-app.log").toFile()).start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .failFast("the packaged application stopped; see target/bad-input-app.log", () -> !app.isAlive())
                .until(BadInputIT::answers);
        JsonNode started = JSON.readTree(send("POST", "/api/conversations", "{}", null).body());
        conversationId = started.path("conversation").path("id").asText();
        customerToken = started.path("token").asText();
        agentToken = JSON.readTree(send("POST", "/api/agents/login",
                "{\"username\":\"alice\",\"password\":\"alice-demo-password\"}", null).body()).path("token").asText();
    }

    private static boolean answers() {
        try {
            return send("GET", "/api/status", null, null).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    @AfterContainer
    static void stopApplication() {
        if (app != null) {
            app.destroyForcibly();
        }
    }

    @Property(tries = 4000)
    void messageBodiesAreAnsweredAndRefusalsChangeNothing(@ForAll("bodies") String body) throws Exception {
        long before = lastEventId();
        HttpResponse<String> response = send("POST", "/api/conversations/" + conversationId + "/messages", body,
                customerToken);
        assertClientOrSuccess(response, body);
        if (response.statusCode() >= 400) {
            assertThat(lastEventId()).as("state after refused %s", body).isEqualTo(before);
        }
    }

    @Property(tries = 2000)
    void startBodiesAreAnswered(@ForAll("bodies") String body) throws Exception {
        assertClientOrSuccess(send("POST", "/api/conversations", body, null), body);
    }

    @Property(tries = 1500)
    void resumeIdsAreAnswered(@ForAll("headerValues") String value) throws Exception {
        String query = URLEncoder.encode(value, StandardCharsets.UTF_8);
        assertClientOrSuccess(send("GET", "/api/conversations/" + conversationId + "/messages?after=" + query, null,
                customerToken), value);
        assertThat(streamStatus(value)).as("stream with Last-Event-ID %s", value).isIn(200, 400);
    }

    @Property(tries = 1500)
    void pathIdsAreAnswered(@ForAll("anyText") String id) throws Exception {
        String segment = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
        assertClientOrSuccess(send("GET", "/api/conversations/" + segment, null, agentToken), id);
        assertClientOrSuccess(send("POST", "/api/conversations/" + segment + "/resolve", null, agentToken), id);
    }

    @Property(tries = 1500)
    void credentialsAreAnswered(@ForAll("headerValues") String authorization) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(root.resolve("/api/conversations/" + conversationId))
                .header("Authorization", authorization).GET().build();
        int status = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        assertThat(status).as("Authorization %s", authorization).isIn(200, 401);
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.strings().all().ofMaxLength(40);
    }

    /** Printable ASCII, as HTTP headers allow, biased towards digits and near-numbers. */
    @Provide
    Arbitrary<String> headerValues() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30),
                Arbitraries.strings().withChars("0123456789-+.eE ").ofMaxLength(25),
                Arbitraries.longs().map(number -> Long.toString(number)),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60).map(value -> "Bearer " + value))
                .filter(value -> value.equals(value.strip()));
    }

    /** JSON documents of every shape with the API's field names, and raw text that is not JSON at all. */
    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<Object> scalar = Arbitraries.<Object>oneOf(List.of(
                anyText().map(text -> (Object) text),
                Arbitraries.strings().ofMinLength(3990).ofMaxLength(4010).withChars("ab😀").map(text -> (Object) text),
                Arbitraries.longs().map(number -> (Object) number),
                Arbitraries.doubles().map(number -> (Object) number),
                Arbitraries.of(true, false).map(flag -> (Object) flag),
                Arbitraries.<Object>just(null)));
        Arbitrary<Object> value = Arbitraries.<Object>oneOf(List.of(scalar,
                scalar.list().ofMaxSize(3).map(list -> (Object) list),
                Arbitraries.maps(Arbitraries.of(FIELDS), scalar).ofMaxSize(3).map(map -> (Object) map)));
        Arbitrary<String> documents = Arbitraries.maps(Arbitraries.of(FIELDS), value).ofMaxSize(4)
                .map(BadInputIT::encode);
        return Arbitraries.oneOf(documents, documents, value.map(BadInputIT::encode), anyText(),
                Arbitraries.strings().withChars("{}[]\":,\\ntrufalse0123456789").ofMaxLength(30));
    }

    private static String encode(Object value) {
        try {
            return JSON.writeValueAsString(value instanceof Map<?, ?> map ? new LinkedHashMap<>(map) : value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertClientOrSuccess(HttpResponse<String> response, String input) {
        assertThat(response.statusCode()).as("answer to %s: %s", input, response.body()).isBetween(200, 499);
        if (response.statusCode() >= 400) {
            assertThat(response.body()).as("error body for %s", input).contains("\"error\"");
        }
    }

    private static long lastEventId() throws Exception {
        return JSON.readTree(send("GET", "/api/conversations/" + conversationId, null, customerToken).body())
                .path("lastEventId").asLong();
    }

    /** Opens the stream with a Last-Event-ID header on a plain socket and reads only the status code. */
    private static int streamStatus(String lastEventId) throws IOException {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/conversations/" + conversationId + "/events HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + customerToken + "\r\nLast-Event-ID: " + lastEventId + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder statusLine = new StringBuilder();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                statusLine.append((char) b);
            }
            return Integer.parseInt(statusLine.toString().split(" ")[1]);
        }
    }

    private static HttpResponse<String> send(String method, String path, String body, String token) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
