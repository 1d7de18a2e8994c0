package dev.livedesk.stream;

import io.netty.channel.ChannelPipeline;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.impl.ConnectionBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the streams assume of Vert.x's internals ({@link VertxInternals}), checked on a real Vert.x HTTP server: if
 * an upgrade moves any of it, this fails instead of the streams silently keeping their idle timers or writing from
 * the wrong thread.
 */
class VertxInternalsTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** What the request handler saw, on its event loop. */
    private record Seen(boolean connectionBase, List<String> handlersBefore, boolean removed,
                        List<String> handlersAfter, boolean onEventLoop, boolean sameLoopAsServer) {
    }

    @Test
    void anHttp1ConnectionHasANamedIdleTimerThatCanBeRemovedAndRequestsRunOnTheirEventLoop() throws Exception {
        CompletableFuture<Seen> seen = new CompletableFuture<>();
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setIdleTimeout(30))
                .requestHandler(request -> {
                    boolean base = request.connection() instanceof ConnectionBase;
                    ChannelPipeline pipeline = base ? ((ConnectionBase) request.connection()).channel().pipeline() : null;
                    List<String> before = pipeline == null ? List.of() : new ArrayList<>(pipeline.names());
                    boolean removed = VertxInternals.removeIdleTimer(request.connection());
                    List<String> after = pipeline == null ? List.of() : new ArrayList<>(pipeline.names());
                    Context loop = VertxInternals.currentEventLoop();
                    seen.complete(new Seen(base, before, removed, after, loop != null && loop.isEventLoopContext(),
                            loop != null && loop.owner() == vertx));
                    request.response().end("ok");
                }).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort()
                + "/")).version(HttpClient.Version.HTTP_1_1).build(), HttpResponse.BodyHandlers.discarding());
        Seen result = seen.get(10, TimeUnit.SECONDS);

        assertThat(result.connectionBase()).as("an HTTP/1.1 connection is a ConnectionBase").isTrue();
        assertThat(result.handlersBefore()).as("the idle timer's name in the pipeline").contains(VertxInternals.IDLE_TIMER);
        assertThat(result.removed()).isTrue();
        assertThat(result.handlersAfter()).doesNotContain(VertxInternals.IDLE_TIMER);
        assertThat(result.onEventLoop()).isTrue();
        assertThat(result.sameLoopAsServer()).isTrue();
    }

    @Test
    void offAnEventLoopThereIsNone() {
        assertThat(VertxInternals.currentEventLoop()).isNull();
    }
}
