package dev.livedesk.stream;

import dev.livedesk.auth.Caller;
import dev.livedesk.auth.Role;
import dev.livedesk.chat.service.ChatService;
import dev.livedesk.chat.PostMessageRequest;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.support.ChunkedInputStream;
import dev.livedesk.support.RawStream;
import dev.livedesk.support.SseParser;
import dev.livedesk.support.TestApi.Started;
import dev.livedesk.support.TestApi;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

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
@Tag("quarkus")
@QuarkusTest
@TestProfile(SmallSocketBuffersProfile.class)
class BackloggedClientTest {

    @TestHTTPResource("/")
    URI root;

    @Inject
    ChatService chat;

    @Inject
    MeterRegistry registry;

    @Inject
    LiveDeskConfig config;

    @Test
    void aClientThatFallsBehindGetsEveryEventOnceInOrderWhenItReadsAgain() throws Exception {
        fallBehindThenRead("Behind", 1);
    }

    /** Enough clients that each event's frame is shared off the heap, so the outboxes share the same frames. */
    @Test
    void clientsThatFallBehindTogetherEachGetEveryEventOnceInOrder() throws Exception {
        fallBehindThenRead("Behind together", StreamChannel.OFF_HEAP_FROM);
    }

    private void fallBehindThenRead(String name, int clients) throws Exception {
        Started conversation = TestApi.startConversation(name);
        StreamGauges gauges = new StreamGauges(registry);
        int before = gauges.settled("conversation");
        Caller customer = new Caller(Role.CUSTOMER, "c", name, conversation.id(), Instant.MAX);
        String text = "y".repeat(config.limits().maxMessageChars());
        List<Long> posted = new ArrayList<>();
        List<Socket> behind = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                behind.add(notReading(conversation));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> gauges.open("conversation") == before + clients);
            int backlog = config.stream().maxPending() / 10;
            while (posted.size() < config.stream().maxPending() / 2) {
                posted.add(chat.post(customer, conversation.id(), new PostMessageRequest(text, null)).entry().eventId());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> gauges.maxPending() >= backlog);
            List<List<Long>> received = new ArrayList<>();
            for (Socket socket : behind) {
                List<Long> ids = new CopyOnWriteArrayList<>();
                received.add(ids);
                Thread reader = new Thread(() -> readIds(socket, ids));
                reader.setDaemon(true);
                reader.start();
            }
            long last = posted.get(posted.size() - 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> received.stream().allMatch(ids -> ids.contains(last)));
            for (List<Long> ids : received) {
                assertThat(ids).as("the replayed conversation event, then every message once, in order")
                        .hasSize(posted.size() + 1).endsWith(posted.toArray(Long[]::new)).doesNotHaveDuplicates();
            }
            assertThat(gauges.open("conversation")).as("still connected").isEqualTo(before + clients);
        } finally {
            for (Socket socket : behind) {
                socket.close();
            }
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
