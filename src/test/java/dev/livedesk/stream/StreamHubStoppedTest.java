package dev.livedesk.stream;

import dev.livedesk.event.StreamKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stream opened while the hub is stopping (its timers and fan-out thread shut down) gives back what was taken for
 * it: {@code onGone} runs exactly once whether {@code open} throws or the stream cannot go live.
 */
class StreamHubStoppedTest {

    private final AtomicInteger gone = new AtomicInteger();
    private HubServer server;

    @BeforeEach
    void server() throws Exception {
        server = new HubServer();
        server.hub.stop();
    }

    @AfterEach
    void close() throws Exception {
        server.close();
    }

    @Test
    void aStreamWithAnExpiryGivesBackItsSlotWhenItCannotStart() throws Exception {
        server.opener = request -> server.hub.open(StreamKey.AGENTS, null, request, Instant.now().plusSeconds(60), gone::incrementAndGet);

        get();

        await().atMost(Duration.ofSeconds(10)).until(() -> gone.get() > 0);
        assertThat(gone).hasValue(1);
    }

    @Test
    void aStreamThatCannotGoLiveGivesBackItsSlot() throws Exception {
        server.opener = request -> server.hub.open(StreamKey.AGENTS, null, request, null, gone::incrementAndGet);

        get();

        await().atMost(Duration.ofSeconds(10)).until(() -> gone.get() > 0);
        assertThat(gone).hasValue(1);
    }

    @Test
    void aSnapshotStreamThatCannotGoLiveGivesBackItsSlot() throws Exception {
        server.opener = request -> server.hub.openSnapshots(StreamKey.STATUS, request, "status", () -> "{}", gone::incrementAndGet);

        get();

        await().atMost(Duration.ofSeconds(10)).until(() -> gone.get() > 0);
        assertThat(gone).hasValue(1);
    }

    private void get() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
    }
}
