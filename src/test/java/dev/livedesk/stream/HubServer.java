package dev.livedesk.stream;

import dev.livedesk.store.Stores;
import dev.livedesk.store.memory.MemoryStores;
import dev.livedesk.support.TestConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link StreamHub} on the memory store behind a bare Vert.x HTTP server, without Quarkus: each request is handed
 * to {@link #opener} on a worker thread, as the stream routes do. For what only a hub's own lifecycle can show.
 */
final class HubServer implements AutoCloseable {

    final Stores stores = MemoryStores.create(1000);
    final StreamHub hub = new StreamHub(TestConfig.defaults(), stores.events(), stores.bus(),
            new StreamMetrics(new SimpleMeterRegistry()));
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    volatile Consumer<HttpServerRequest> opener;

    HubServer() throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> vertx.executeBlocking(() -> {
            opener.accept(request);
            return null;
        }).onFailure(failure -> request.response().setStatusCode(503).end())).listen(0)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() throws Exception {
        hub.stop();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        stores.close();
    }
}
