package dev.livedesk.bench;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The floor LiveDesk's fan-out is measured against: a bare Vert.x SSE server doing the same job with nothing else
 * (no credentials, store, ordering guarantees across processes, backlog accounting or metrics). One subscriber list
 * per event loop; a POST appends the message to an in-memory log, builds its frame once and hands it to each event
 * loop (in id order: handed over under the log's lock), which writes it to its subscribers; a subscriber is first
 * replayed what it missed, and skips what it was replayed. It speaks the same paths
 * and payloads as LiveDesk, so the benchmark drives both with one generator. Run by the benchmark as a process of
 * its own: {@code java -Dquarkus.http.port=<port> dev.livedesk.bench.FloorServer}.
 */
public final class FloorServer extends AbstractVerticle {

    /** Every message's frame, in id order (id = index + 1). Appended under its own lock. */
    private static final List<Buffer> LOG = new ArrayList<>();
    /** The event loops that hold subscribers, each with its own list (touched only on that loop). */
    private static final List<FloorServer> LOOPS = new CopyOnWriteArrayList<>();

    private final List<Subscriber> subscribers = new ArrayList<>();

    /** A connection and the newest id it has, so that a frame it was replayed is not written again. */
    private static final class Subscriber {
        private final HttpServerResponse response;
        private long lastId;

        private Subscriber(HttpServerResponse response, long lastId) {
            this.response = response;
            this.lastId = lastId;
        }

        private void write(long id, Buffer frame) {
            if (id > lastId) {
                lastId = id;
                response.write(frame);
            }
        }
    }
    private Context loop;

    public static void main(String[] args) {
        int port = Integer.getInteger("quarkus.http.port");
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(() -> new FloorServer(port), new DeploymentOptions()
                .setInstances(Runtime.getRuntime().availableProcessors()));
    }

    private final int port;

    private FloorServer(int port) {
        this.port = port;
    }

    @Override
    public void start() {
        loop = context;
        LOOPS.add(this);
        vertx.createHttpServer().requestHandler(this::handle).listen(port);
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (path.equals("/q/health/ready")) {
            request.response().end("{\"status\":\"UP\"}");
        } else if (path.equals("/api/conversations") && request.method().name().equals("POST")) {
            request.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                    .end("{\"conversation\":{\"id\":\"floor\"},\"token\":\"floor\"}");
        } else if (path.endsWith("/messages")) {
            request.body().onSuccess(body -> post(request, body.toJsonObject()));
        } else if (path.endsWith("/events")) {
            subscribe(request);
        } else {
            request.response().setStatusCode(404).end();
        }
    }

    private void post(HttpServerRequest request, JsonObject body) {
        long id;
        Buffer frame;
        synchronized (LOG) {
            id = LOG.size() + 1;
            String data = new JsonObject().put("conversationId", "floor").put("message", new JsonObject()
                    .put("id", Long.toString(id)).put("text", body.getString("text"))).encode();
            frame = Buffer.buffer(("id: " + id + "\nevent: message\ndata: " + data + "\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            LOG.add(frame);
            for (FloorServer each : LOOPS) {
                each.loop.runOnContext(v -> each.subscribers.forEach(subscriber -> subscriber.write(id, frame)));
            }
        }
        request.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                .end("{\"eventId\":" + id + "}");
    }

    private void subscribe(HttpServerRequest request) {
        HttpServerResponse response = request.response().setChunked(true)
                .putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-store");
        String header = request.getHeader("Last-Event-ID");
        String query = request.getParam("lastEventId");
        long after = header != null ? Long.parseLong(header) : query != null ? Long.parseLong(query) : 0;
        response.write("retry: 3000\n\n");
        List<Buffer> missed;
        Subscriber subscriber;
        synchronized (LOG) {
            missed = new ArrayList<>(LOG.subList((int) Math.min(after, LOG.size()), LOG.size()));
            subscriber = new Subscriber(response, LOG.size());
        }
        missed.forEach(response::write);
        subscribers.add(subscriber);
        response.closeHandler(v -> subscribers.remove(subscriber));
    }
}
