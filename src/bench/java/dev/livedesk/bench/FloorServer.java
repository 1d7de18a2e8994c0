package dev.livedesk.bench;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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

    /** Every message's frame, in id order (id = {@link #FIRST_ID} + index). Appended under its own lock. */
    private static final List<Buffer> LOG = new ArrayList<>();
    /** Like LiveDesk's in-memory store: ids start at the start-up time in microseconds. */
    private static final long FIRST_ID = System.currentTimeMillis() * 1000;
    private static final String CONVERSATION = UUID.randomUUID().toString();
    private static final String CUSTOMER = UUID.randomUUID().toString();
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

    /**
     * The event a message becomes, with the same fields and sizes as LiveDesk's {@code message} event (ids as UUIDs,
     * the sender, the time sent; event ids of the same number of digits), so that both servers write and the
     * generator reads the same number of bytes per delivery.
     */
    private static Buffer frame(long id, String text) {
        String data = new JsonObject().put("conversationId", CONVERSATION).put("message", new JsonObject()
                .put("id", UUID.randomUUID().toString()).put("conversationId", CONVERSATION)
                .put("sender", new JsonObject().put("role", "customer").put("id", CUSTOMER).put("name", "Bench"))
                .put("text", text).put("sentAt", Instant.now().toString()).putNull("clientMessageId")
                .put("attachments", new JsonArray())).encode();
        return Buffer.buffer(("id:" + id + "\nevent:message\ndata:" + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    private void post(HttpServerRequest request, JsonObject body) {
        long id;
        Buffer frame;
        synchronized (LOG) {
            id = FIRST_ID + LOG.size();
            frame = frame(id, body.getString("text"));
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
            int from = (int) Math.max(0, Math.min(after - FIRST_ID + 1, LOG.size()));
            missed = new ArrayList<>(LOG.subList(from, LOG.size()));
            subscriber = new Subscriber(response, FIRST_ID + LOG.size() - 1);
        }
        missed.forEach(response::write);
        subscribers.add(subscriber);
        response.closeHandler(v -> subscribers.remove(subscriber));
    }
}
