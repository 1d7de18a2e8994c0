package dev.livedesk.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.util.concurrent.CompletableFuture;

/**
 * Posts JSON over Vert.x's HTTP/1.1 client, on one event loop, with a pool of kept-alive connections. The JDK's
 * client cost the generator a third of a core for the contact center's 500 posts a second (its executor and selector
 * threads, profiled by thread), CPU the server then did not have on this two-core machine.
 */
final class VertxPoster implements AutoCloseable {

    /** A response's status and body. */
    record Answer(int status, String body) {
    }

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final HttpClient client;

    VertxPoster(int port) {
        client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("localhost").setDefaultPort(port)
                .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(64));
    }

    /**
     * The body is asked for inside the callback of the request's own future: chained one level out, the callback can
     * run a task later, after the body has arrived and been dropped (1 % of the answers came back empty that way).
     */
    CompletableFuture<Answer> post(String path, String token, String json) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI(path)
                .putHeader("Content-Type", "application/json").putHeader("Authorization", "Bearer " + token);
        return client.request(options)
                .compose(request -> request.send(json).compose(response -> response.body()
                        .map(body -> new Answer(response.statusCode(), body.toString()))))
                .toCompletionStage().toCompletableFuture();
    }

    @Override
    public void close() {
        client.close();
        vertx.close();
    }
}
