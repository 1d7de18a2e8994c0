package dev.livedesk.stream;

import dev.livedesk.support.RawStream;
import dev.livedesk.support.SseClient;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A stream's HTTP/1.1 connection is its own: no idle timer while it runs, closed when it ends. */
@Tag("quarkus")
@QuarkusTest
@TestProfile(DedicatedConnectionsProfile.class)
class StreamConnectionsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URI root;

    @Test
    void aStreamOutlivesTheServersIdleTimeoutWithoutWritingAnything() {
        Started conversation = TestApi.startConversation("Quiet");
        try (SseClient client = SseClient.open(root.resolve("/api/conversations/" + conversation.id() + "/events"),
                conversation.token())) {
            assertThat(client.status()).isEqualTo(200);
            await().during(Duration.ofMillis(2500)).atMost(WAIT).until(() -> !client.ended());
            long id = TestApi.post(conversation.id(), conversation.token(), "still there?");
            await().atMost(WAIT).until(() -> client.ids().contains(id));
        }
    }

    @Test
    void theServerClosesTheConnectionOnceItHasEndedTheStream() throws IOException {
        Started conversation = TestApi.startConversation("Expiring");
        try (Socket socket = RawStream.open(root.getHost(), root.getPort(),
                "/api/conversations/" + conversation.id() + "/events", conversation.token())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            String response = readUntilClosed(socket.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 200").containsIgnoringCase("\r\nconnection: close\r\n");
            assertThat(response).as("the chunked body ends cleanly before the close").endsWith("\r\n0\r\n\r\n");
        }
    }

    /** Everything the server sends until it closes the connection; a read timeout fails the test. */
    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toString(StandardCharsets.ISO_8859_1);
    }
}
