package dev.livedesk.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livedesk.support.ChunkedInputStream;
import dev.livedesk.support.RawStream;
import dev.livedesk.support.SseEvent;
import dev.livedesk.support.SseParser;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the stream as raw bytes off a socket, de-chunks it by hand and checks the framing the way a browser parses
 * it, so nothing a Java client library does can hide a framing bug.
 */
@Tag("quarkus")
@QuarkusTest
class StreamFramingTest {

    @TestHTTPResource("/")
    URI root;

    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
            "two\nlines", "carriage\rreturn", "crlf\r\nline", "trailing newline\n", "\n\nleading blank lines",
            "nul\u0000byte", "line\u2028separator", "paragraph\u2029separator", "emoji 😀👍🏽", "中文消息：你好，世界",
            "id: 42\nevent: reset\ndata: injected", "data:\r\n\r\nid:1", "a\u0085next line", "\uFEFFbom"})
    void deliversTextByteForByteInOneDataLine(String text) throws IOException {
        Started conversation = TestApi.startConversation("Framing");
        long eventId = TestApi.post(conversation.id(), conversation.token(), text);

        byte[] raw = readStream(conversation, eventId - 1, 1);
        String body = new String(raw, StandardCharsets.UTF_8);
        List<String> lines = List.of(body.split("\n", -1));
        int dataLines = (int) lines.stream().filter(line -> line.startsWith("data:")).count();
        assertThat(dataLines).isEqualTo(1);
        assertThat(body).doesNotContain("\r");

        List<SseEvent> events = parse(raw);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).id()).isEqualTo(Long.toString(eventId));
        assertThat(events.get(0).event()).isEqualTo("message");
        JsonNode data = json.readTree(events.get(0).data());
        assertThat(data.path("message").path("text").asText()).isEqualTo(text);
    }

    @Test
    void framesEachEventAsIdEventDataAndBlankLine() throws IOException {
        Started conversation = TestApi.startConversation("Shape");
        long eventId = TestApi.post(conversation.id(), conversation.token(), "hello");
        String body = new String(readStream(conversation, eventId - 1, 1), StandardCharsets.UTF_8);
        assertThat(body).matches("(?s):\nretry:\\d+\n\nid:" + eventId + "\nevent:message\ndata:\\{[^\n]*\\}\n\n");
    }

    /** Opens the stream on a plain socket and returns the de-chunked body once it holds {@code events} events. */
    private byte[] readStream(Started conversation, long after, int events) throws IOException {
        try (Socket socket = RawStream.resume(root, "/api/conversations/" + conversation.id() + "/events",
                conversation.token(), after)) {
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("transfer-encoding: chunked");
            InputStream chunks = new ChunkedInputStream(in);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (parse(body.toByteArray()).size() < events) {
                int read = chunks.read(buffer, 0, buffer.length);
                if (read == -1) {
                    throw new IOException("stream ended");
                }
                body.write(buffer, 0, read);
            }
            return body.toByteArray();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        String line;
        while ((line = ChunkedInputStream.readLine(in)) != null && !line.isEmpty()) {
            head.append(line).append('\n');
        }
        return head.toString();
    }

    private static List<SseEvent> parse(byte[] raw) throws IOException {
        List<SseEvent> events = new ArrayList<>();
        new SseParser(new ByteArrayInputStream(raw), events::add, comment -> { }, retry -> { }).run();
        return events;
    }
}
