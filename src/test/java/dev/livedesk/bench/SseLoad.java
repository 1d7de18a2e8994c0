package dev.livedesk.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.HdrHistogram.Recorder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator's subscribers: many SSE connections on one Vert.x client, each parsing its stream and
 * recording, for every message event, the delay from the timestamp the poster put in the text to its arrival.
 */
final class SseLoad implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client;
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final Recorder latencyMicros = new Recorder(3);
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong received = new AtomicLong();

    SseLoad(String host, int port, int connections) {
        client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port)
                .setKeepAlive(false), new PoolOptions().setHttp1MaxSize(connections + 16));
    }

    /** One stream: what it received, by event id. */
    static final class Subscriber {
        private final StringBuilder pending = new StringBuilder();
        private final List<Long> ids = new ArrayList<>();
        private volatile boolean live;

        synchronized List<Long> ids() {
            return new ArrayList<>(ids);
        }
    }

    /** Opens a stream; the returned future completes when the response head has arrived. */
    Future<Subscriber> open(String path, String token) {
        Subscriber subscriber = new Subscriber();
        synchronized (subscribers) {
            subscribers.add(subscriber);
        }
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setURI(path)
                        .putHeader("Accept", "text/event-stream").putHeader("Authorization", "Bearer " + token))
                .compose(request -> request.send())
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("stream refused: " + response.statusCode());
                    }
                    subscriber.live = true;
                    open.incrementAndGet();
                    response.handler(chunk -> onChunk(subscriber, chunk));
                    response.endHandler(end -> {
                        subscriber.live = false;
                        open.decrementAndGet();
                    });
                    return subscriber;
                });
    }

    private void onChunk(Subscriber subscriber, Buffer chunk) {
        long now = nowMicros();
        subscriber.pending.append(chunk.toString(StandardCharsets.UTF_8));
        int end;
        while ((end = subscriber.pending.indexOf("\n\n")) >= 0) {
            String event = subscriber.pending.substring(0, end);
            subscriber.pending.delete(0, end + 2);
            onEvent(subscriber, event, now);
        }
    }

    private void onEvent(Subscriber subscriber, String event, long now) {
        long id = -1;
        long sentAt = -1;
        for (String line : event.split("\n")) {
            if (line.startsWith("id:")) {
                id = Long.parseLong(line.substring(3).trim());
            } else if (line.startsWith("data:")) {
                int marker = line.indexOf("t=");
                if (marker >= 0) {
                    int stop = marker + 2;
                    while (stop < line.length() && Character.isDigit(line.charAt(stop))) {
                        stop++;
                    }
                    sentAt = Long.parseLong(line.substring(marker + 2, stop));
                }
            }
        }
        if (id < 0) {
            return;
        }
        synchronized (subscriber) {
            subscriber.ids.add(id);
        }
        if (sentAt > 0) {
            received.incrementAndGet();
            latencyMicros.recordValue(Math.max(0, now - sentAt));
        }
    }

    /** Wall-clock time in microseconds, comparable between processes on one machine. */
    static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    int open() {
        return open.get();
    }

    long received() {
        return received.get();
    }

    Recorder latency() {
        return latencyMicros;
    }

    List<Subscriber> subscribers() {
        synchronized (subscribers) {
            return new ArrayList<>(subscribers);
        }
    }

    @Override
    public void close() {
        client.close();
        vertx.close();
    }
}
