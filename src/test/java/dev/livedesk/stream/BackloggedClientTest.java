package dev.livedesk.stream;

import dev.livedesk.auth.Caller;
import dev.livedesk.auth.Role;
import dev.livedesk.chat.ChatService;
import dev.livedesk.chat.PostMessageRequest;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.event.StreamKey;
import dev.livedesk.support.ChunkedInputStream;
import dev.livedesk.support.RawStream;
import dev.livedesk.support.SseParser;
import dev.livedesk.support.TestApi.Started;
import dev.livedesk.support.TestApi;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client whose socket is full gets the events that come meanwhile in shared writes (the subscriber's outbox), and
 * when it reads again it has every event once, in order.
 */
@QuarkusTest
@TestProfile(SmallSocketBuffersProfile.class)
class BackloggedClientTest {

    @TestHTTPResource("/")
    URI root;

    @Inject
    ChatService chat;

    @Inject
    StreamHub hub;

    @Inject
    LiveDeskConfig config;

    @Test
    void aClientThatFallsBehindGetsEveryEventOnceInOrderWhenItReadsAgain() throws Exception {
        Started conversation = TestApi.startConversation("Behind");
        StreamKey key = StreamKey.conversation(conversation.id());
        Caller customer = new Caller(Role.CUSTOMER, "c", "Behind", conversation.id(), Instant.MAX);
        String text = "y".repeat(config.limits().maxMessageChars());
        List<Long> posted = new ArrayList<>();
        try (Socket behind = notReading(conversation)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.subscriberCount(key) == 1);
            int backlog = config.stream().maxPending() / 10;
            while (posted.size() < config.stream().maxPending() / 2) {
                posted.add(chat.post(customer, conversation.id(), new PostMessageRequest(text, null)).entry().eventId());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.maxPending() >= backlog);
            List<Long> received = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> readIds(behind, received));
            reader.setDaemon(true);
            reader.start();
            long last = posted.get(posted.size() - 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> received.contains(last));
            assertThat(received).as("the replayed conversation event, then every message once, in order")
                    .hasSize(posted.size() + 1).endsWith(posted.toArray(Long[]::new)).doesNotHaveDuplicates();
            assertThat(hub.subscriberCount(key)).as("still connected").isEqualTo(1);
        }
    }

    private Socket notReading(Started conversation) throws IOException {
        return RawStream.open(root.getHost(), root.getPort(), "/api/conversations/" + conversation.id() + "/events",
                conversation.token());
    }

    /** Reads the response on the socket, collecting event ids, until the socket closes. */
    private static void readIds(Socket socket, List<Long> ids) {
        try {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String line;
            do {
                line = ChunkedInputStream.readLine(in);
            } while (line != null && !line.isEmpty());
            new SseParser(new ChunkedInputStream(in), event -> {
                if (event.id() != null) {
                    ids.add(event.numericId());
                }
            }, comment -> { }, retry -> { }).run();
        } catch (IOException closed) {
            // the test closed the socket
        }
    }
}
