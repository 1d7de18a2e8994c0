package dev.livedesk.stream;

import dev.livedesk.event.StreamKey;
import dev.livedesk.support.ChunkedInputStream;
import dev.livedesk.support.RawStream;
import dev.livedesk.support.SseEvent;
import dev.livedesk.support.SseParser;
import dev.livedesk.support.TestApi;
import dev.livedesk.support.TestApi.Started;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Durable events that follow each other within the batch window go out as one write (one HTTP chunk, read here off a
 * plain socket), and each stream still gets every event once, in order, whatever joins or comes between.
 */
@Tag("quarkus")
@QuarkusTest
@TestProfile(BatchWindowProfile.class)
class BatchWindowTest {

    @TestHTTPResource("/")
    URI root;

    @Inject
    MeterRegistry registry;

    @Inject
    StreamHub hub;

    private StreamGauges gauges;
    private int baseline;

    @BeforeEach
    void baseline() {
        gauges = new StreamGauges(registry);
        baseline = gauges.settled("conversation");
    }

    @Test
    void eventsThatFollowEachOtherWithinTheWindowGoOutInOneWrite() throws IOException {
        Started conversation = TestApi.startConversation("Batched");
        try (Chunks stream = openLive(conversation)) {
            long first = TestApi.post(conversation.id(), conversation.token(), "first");
            assertThat(stream.idsUntil(first)).containsExactly(List.of(first));
            long second = TestApi.post(conversation.id(), conversation.token(), "second");
            long third = TestApi.post(conversation.id(), conversation.token(), "third");

            assertThat(stream.idsUntil(third)).containsExactly(List.of(second, third));
        }
    }

    @Test
    void aStreamThatJoinsWhileEventsAreGatheredGetsEachOnceInOrder() throws IOException {
        Started conversation = TestApi.startConversation("Joined");
        long start = TestApi.lastEventId(conversation.id(), conversation.token());
        try (Chunks early = Chunks.open(root, conversation, start)) {
            awaitLive(conversation, 1);
            long first = TestApi.post(conversation.id(), conversation.token(), "first");
            early.idsUntil(first);
            long second = TestApi.post(conversation.id(), conversation.token(), "second");
            try (Chunks late = Chunks.open(root, conversation, start)) {
                awaitLive(conversation, 2);
                long third = TestApi.post(conversation.id(), conversation.token(), "third");

                assertThat(flatten(early.idsUntil(third))).containsExactly(second, third);
                assertThat(flatten(late.idsUntil(third))).containsExactly(first, second, third);
            }
        }
    }

    @Test
    void anEventWithoutIdGoesOutAfterWhatWasGathered() throws IOException {
        Started conversation = TestApi.startConversation("Ordered");
        try (Chunks stream = openLive(conversation)) {
            long first = TestApi.post(conversation.id(), conversation.token(), "first");
            stream.idsUntil(first);
            long second = TestApi.post(conversation.id(), conversation.token(), "second");
            hub.publishEphemeral(StreamKey.conversation(conversation.id()), "typing", "{\"typing\":true}");

            List<String> order = new ArrayList<>();
            while (!order.contains("typing")) {
                stream.nextChunk().stream().filter(event -> List.of("message", "typing").contains(event.event()))
                        .forEach(event -> order.add(event.id() != null ? event.id() : event.event()));
            }
            assertThat(order).containsExactly(Long.toString(second), "typing");
        }
    }

    /** The conversation's only stream, from its newest event, once it is live. */
    private Chunks openLive(Started conversation) throws IOException {
        Chunks stream = Chunks.open(root, conversation, TestApi.lastEventId(conversation.id(), conversation.token()));
        awaitLive(conversation, 1);
        return stream;
    }

    /** Waits until the test's own streams on the conversation, {@code subscribers} of them, are live. */
    private void awaitLive(Started conversation, int subscribers) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> gauges.open("conversation") == baseline + subscribers);
    }

    private static List<Long> flatten(List<List<Long>> chunks) {
        return chunks.stream().flatMap(List::stream).toList();
    }

    /** A conversation's stream on a plain socket, read one HTTP chunk (one write of the server's) at a time. */
    private static final class Chunks implements AutoCloseable {

        private final Socket socket;
        private final InputStream in;

        private Chunks(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
        }

        static Chunks open(URI root, Started conversation, long after) throws IOException {
            Socket socket = RawStream.resume(root, "/api/conversations/" + conversation.id() + "/events",
                    conversation.token(), after);
            Chunks chunks = new Chunks(socket);
            String line;
            while ((line = ChunkedInputStream.readLine(chunks.in)) != null && !line.isEmpty()) {
                if (line.startsWith("HTTP/")) {
                    assertThat(line).startsWith("HTTP/1.1 200");
                }
            }
            return chunks;
        }

        /** The events of the next chunk (none for a comment or {@code retry:}). */
        List<SseEvent> nextChunk() throws IOException {
            String size = ChunkedInputStream.readLine(in);
            if (size == null) {
                throw new IOException("stream ended");
            }
            byte[] data = in.readNBytes(Integer.parseInt(size.trim(), 16));
            ChunkedInputStream.readLine(in);
            List<SseEvent> events = new ArrayList<>();
            new SseParser(new ByteArrayInputStream(data), events::add, comment -> { }, retry -> { }).run();
            return events;
        }

        /** The message ids of each chunk read until one holds {@code last}; chunks without a message are left out. */
        List<List<Long>> idsUntil(long last) throws IOException {
            List<List<Long>> chunks = new ArrayList<>();
            while (chunks.isEmpty() || !chunks.get(chunks.size() - 1).contains(last)) {
                List<Long> ids = nextChunk().stream().filter(event -> event.event().equals("message"))
                        .map(event -> Long.parseLong(event.id())).toList();
                if (!ids.isEmpty()) {
                    chunks.add(ids);
                }
            }
            return chunks;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
