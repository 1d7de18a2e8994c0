package dev.livedesk.stream;

import dev.livedesk.auth.Caller;
import dev.livedesk.auth.Role;
import dev.livedesk.chat.service.ChatService;
import dev.livedesk.chat.PostMessageRequest;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.support.RawStream;
import dev.livedesk.support.SseClient;
import dev.livedesk.support.TestApi.Started;
import dev.livedesk.support.TestApi;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A client that stops reading is cut off once its backlog is full, and nobody else waits for it. */
@Tag("quarkus")
@QuarkusTest
class SlowConsumerTest {

    private static final int MAX_MESSAGES = 8000;
    /** Posts between two checks; the healthy subscriber must have each batch before the next is posted. */
    private static final int BATCH = 50;

    @TestHTTPResource("/")
    URI root;

    @Inject
    ChatService chat;

    @Inject
    MeterRegistry registry;

    @Inject
    LiveDeskConfig config;

    @Test
    void disconnectsAStalledClientWhileOthersKeepReceivingWithBoundedBacklog() throws IOException {
        Started conversation = TestApi.startConversation("Slow");
        StreamGauges gauges = new StreamGauges(registry);
        int before = gauges.settled("conversation");
        Caller customer = new Caller(Role.CUSTOMER, "c", "Slow", conversation.id(), Instant.MAX);
        String text = "x".repeat(config.limits().maxMessageChars());
        long disconnectsBefore = gauges.slowConsumerDisconnects();
        List<Long> posted = new ArrayList<>();
        int highestBacklog = 0;

        try (Socket stalled = stalledSubscriber(conversation);
             SseClient healthy = SseClient.open(root.resolve("/api/conversations/" + conversation.id() + "/events"),
                     conversation.token())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gauges.open("conversation") == before + 2);
            while (gauges.slowConsumerDisconnects() == disconnectsBefore && posted.size() < MAX_MESSAGES) {
                for (int i = 0; i < BATCH; i++) {
                    posted.add(chat.post(customer, conversation.id(), new PostMessageRequest(text, null)).entry().eventId());
                }
                long batchEnd = posted.get(posted.size() - 1);
                await().atMost(Duration.ofSeconds(10)).until(() -> healthy.ids().contains(batchEnd));
                highestBacklog = Math.max(highestBacklog, gauges.maxPending());
            }

            assertThat(gauges.slowConsumerDisconnects()).as("stalled client cut off").isGreaterThan(disconnectsBefore);
            assertThat(highestBacklog).isLessThanOrEqualTo(config.stream().maxPending() + 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> gauges.open("conversation") == before + 1);
            long last = posted.get(posted.size() - 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> healthy.ids().contains(last));
            assertThat(healthy.ids()).containsSubsequence(posted).doesNotHaveDuplicates();
            assertThat(drainsToTheEnd(stalled)).as("server closed the stalled connection").isTrue();
        }
    }

    private Socket stalledSubscriber(Started conversation) throws IOException {
        return RawStream.open(root.getHost(), root.getPort(), "/api/conversations/" + conversation.id() + "/events",
                conversation.token());
    }

    /** Reads what the kernel still holds; true when the server's close is reached. */
    private static boolean drainsToTheEnd(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            while (in.read(buffer) != -1) {
                // keep reading until the end of the stream
            }
            return true;
        } catch (SocketException reset) {
            return true;
        }
    }
}
