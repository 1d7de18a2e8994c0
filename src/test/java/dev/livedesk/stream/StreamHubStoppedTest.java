package dev.livedesk.stream;

import dev.livedesk.event.StreamKey;
import dev.livedesk.store.Stores;
import dev.livedesk.store.memory.MemoryStores;
import dev.livedesk.support.TestConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stream opened while the hub is stopping (its timers and fan-out thread shut down) gives back what was taken for
 * it: {@code onGone} runs exactly once whether {@code open} throws or the stream cannot go live.
 */
class StreamHubStoppedTest {

    private final Stores stores = MemoryStores.create(100);
    private final StreamHub hub = new StreamHub(TestConfig.defaults(), stores.events(), stores.bus(),
            new StreamMetrics(new SimpleMeterRegistry()));
    private final AtomicInteger gone = new AtomicInteger();
    private Vertx vertx;
    private HttpServer server;
    private volatile Consumer<HttpServerRequest> opener;

    @BeforeEach
    void server() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> vertx.executeBlocking(() -> {
            opener.accept(request);
            return null;
        }).onFailure(failure -> request.response().setStatusCode(503).end())).listen(0)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        hub.stop();
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        stores.close();
    }

    @Test
    void aStreamWithAnExpiryGivesBackItsSlotWhenItCannotStart() throws Exception {
        opener = request -> hub.open(StreamKey.AGENTS, null, request, Instant.now().plusSeconds(60), gone::incrementAndGet);

        get();

        await().atMost(Duration.ofSeconds(10)).until(() -> gone.get() > 0);
        assertThat(gone).hasValue(1);
    }

    @Test
    void aStreamThatCannotGoLiveGivesBackItsSlot() throws Exception {
        opener = request -> hub.open(StreamKey.AGENTS, null, request, null, gone::incrementAndGet);

        get();

        await().atMost(Duration.ofSeconds(10)).until(() -> gone.get() > 0);
        assertThat(gone).hasValue(1);
    }

    @Test
    void aSnapshotStreamThatCannotGoLiveGivesBackItsSlot() throws Exception {
        opener = request -> hub.openSnapshots(StreamKey.STATUS, request, "status", () -> "{}", gone::incrementAndGet);

        get();

        await().atMost(Duration.ofSeconds(10)).until(() -> gone.get() > 0);
        assertThat(gone).hasValue(1);
    }

    private void get() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
    }
}
