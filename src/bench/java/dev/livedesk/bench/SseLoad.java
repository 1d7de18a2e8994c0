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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator's subscribers: many SSE connections on one Vert.x client, each parsing its stream and
 * recording, for every message event, the delay from the timestamp the poster put in the text to its arrival; on a
 * customer's stream, optionally, also the delay from a question to the assistant's reply.
 */
final class SseLoad implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client;
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final Recorder latencyMicros = new Recorder(3);
    /**
     * Messages that took over {@link #SLOW_MICROS} from publish to receive, by the wall-clock second (epoch) they were
     * sent: when the slow ones were sent, to set beside a recording's collections and compilations.
     */
    private final Map<Long, AtomicLong> slowBySecond = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong resumes = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();
    private final boolean timesReplies;
    private final Recorder replyMicros = new Recorder(3);
    private final AtomicLong replies = new AtomicLong();
    private volatile long lastReplyNanos;
    private volatile long lastMessageNanos;
    private volatile boolean closed;

    SseLoad(String host, int port, int connections) {
        this(host, port, connections, false);
    }

    /**
     * @param timesReplies whether each stream is one customer's conversation, on which a message from the assistant
     *     answers the customer's last message: the time from that message's timestamp to the reply is recorded
     */
    SseLoad(String host, int port, int connections, boolean timesReplies) {
        this.timesReplies = timesReplies;
        client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port)
                .setKeepAlive(false), new PoolOptions().setHttp1MaxSize(connections + 16));
    }

    /** One stream: what it received, by event id. */
    static final class Subscriber {
        /** The line being read; only its start matters (ids, and the timestamp near the start of the data). */
        private final byte[] line = new byte[1024];
        private int lineLength;
        private long id = -1;
        private long sentAt = -1;
        private boolean fromAssistant;
        /** The timestamp of the customer's last message not yet answered by the assistant, or -1. */
        private long questionAt = -1;
        private final List<Long> ids = new ArrayList<>();
        /** The last id before an {@code event:reset} whose replay has not yet delivered an event, or -1. */
        private long resetAfter = -1;
        /** Open intervals of ids a reset told this stream it would not get: (last id before, first id after). */
        private final List<long[]> announcedGaps = new ArrayList<>();
        private volatile boolean live;
        /** When this stream last received an event with an id ({@link System#nanoTime}), or 0. */
        private volatile long lastEventNanos;

        synchronized List<Long> ids() {
            return new ArrayList<>(ids);
        }

        /** Whether the server told this stream, with a reset, that it would skip {@code id}. */
        synchronized boolean announcedMissing(long id) {
            for (long[] gap : announcedGaps) {
                if (id > gap[0] && id < gap[1]) {
                    return true;
                }
            }
            return false;
        }

        long lastEventNanos() {
            return lastEventNanos;
        }

        /** The newest id received: a stream delivers in order, so everything before it has come or will not. */
        synchronized long lastId() {
            return ids.isEmpty() ? 0 : ids.get(ids.size() - 1);
        }
    }

    /**
     * Opens a stream; the returned future completes when the response head has arrived. A stream the server ends
     * (a slow consumer cut off, a drain) is opened again after 100 ms with {@code Last-Event-ID}, as a browser's
     * EventSource does, so what a resuming client would miss or get twice shows in the ids.
     */
    Future<Subscriber> open(String path, String token) {
        Subscriber subscriber = new Subscriber();
        synchronized (subscribers) {
            subscribers.add(subscriber);
        }
        return connect(subscriber, path, token);
    }

    private Future<Subscriber> connect(Subscriber subscriber, String path, String token) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI(path)
                .putHeader("Accept", "text/event-stream").putHeader("Authorization", "Bearer " + token);
        long last = subscriber.lastId();
        if (last > 0) {
            options.putHeader("Last-Event-ID", Long.toString(last));
        }
        return client.request(options)
                .compose(request -> request.send())
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("stream refused: " + response.statusCode());
                    }
                    subscriber.live = true;
                    subscriber.lineLength = 0;
                    subscriber.id = -1;
                    subscriber.sentAt = -1;
                    open.incrementAndGet();
                    response.handler(chunk -> onChunk(subscriber, chunk));
                    response.endHandler(end -> resumeLater(subscriber, path, token));
                    response.exceptionHandler(failure -> resumeLater(subscriber, path, token));
                    return subscriber;
                });
    }

    /**
     * Opens a stream again after it ended, cleanly or not (a slow consumer's connection is closed without an end),
     * once however both ways report it.
     */
    private void resumeLater(Subscriber subscriber, String path, String token) {
        if (!subscriber.live) {
            return;
        }
        subscriber.live = false;
        open.decrementAndGet();
        if (!closed) {
            resumes.incrementAndGet();
            vertx.setTimer(100, t -> connect(subscriber, path, token));
        }
    }

    /** How many times a stream the server ended or cut was opened again. */
    long resumes() {
        return resumes.get();
    }

    /**
     * How many replays began with {@code event:reset}: the server telling the client that what follows is not all it
     * missed (more than {@code livedesk.stream.max-replay}), so the rest is missing from the stream by design.
     */
    long resets() {
        return resets.get();
    }

    /**
     * Parses the chunk byte by byte, without building strings: the generator shares the machine with the server, so
     * its own cost shows up in the server's figures.
     */
    private void onChunk(Subscriber subscriber, Buffer chunk) {
        long now = nowMicros();
        for (int i = 0, length = chunk.length(); i < length; i++) {
            byte b = chunk.getByte(i);
            if (b != '\n') {
                if (subscriber.lineLength < subscriber.line.length) {
                    subscriber.line[subscriber.lineLength] = b;
                }
                subscriber.lineLength++;
                continue;
            }
            if (subscriber.lineLength == 0) {
                onEvent(subscriber, now);
            } else {
                onLine(subscriber);
            }
            subscriber.lineLength = 0;
        }
    }

    private void onLine(Subscriber subscriber) {
        byte[] line = subscriber.line;
        int length = Math.min(subscriber.lineLength, line.length);
        if (startsWith(line, length, ID)) {
            subscriber.id = number(line, ID.length, length);
        } else if (startsWith(line, length, DATA)) {
            for (int i = DATA.length; i + 1 < length; i++) {
                if (line[i] == 't' && line[i + 1] == '=') {
                    subscriber.sentAt = number(line, i + 2, length);
                    break;
                }
            }
            subscriber.fromAssistant = timesReplies && contains(line, length, BOT);
        } else if (startsWith(line, length, RESET)) {
            resets.incrementAndGet();
            synchronized (subscriber) {
                subscriber.resetAfter = subscriber.lastId();
            }
        }
    }

    private void onEvent(Subscriber subscriber, long now) {
        long id = subscriber.id;
        long sentAt = subscriber.sentAt;
        boolean fromAssistant = subscriber.fromAssistant;
        subscriber.id = -1;
        subscriber.sentAt = -1;
        subscriber.fromAssistant = false;
        if (id < 0) {
            return;
        }
        synchronized (subscriber) {
            if (subscriber.resetAfter >= 0) {
                subscriber.announcedGaps.add(new long[] {subscriber.resetAfter, id});
                subscriber.resetAfter = -1;
            }
            subscriber.ids.add(id);
        }
        subscriber.lastEventNanos = System.nanoTime();
        if (sentAt > 0) {
            received.incrementAndGet();
            lastMessageNanos = System.nanoTime();
            latencyMicros.recordValue(Math.max(0, now - sentAt));
            if (now - sentAt > SLOW_MICROS) {
                slowBySecond.computeIfAbsent(sentAt / 1_000_000, second -> new AtomicLong()).incrementAndGet();
            }
            subscriber.questionAt = sentAt;
        } else if (fromAssistant && subscriber.questionAt > 0) {
            replies.incrementAndGet();
            lastReplyNanos = System.nanoTime();
            replyMicros.recordValue(Math.max(0, now - subscriber.questionAt));
            subscriber.questionAt = -1;
        }
    }

    static final long SLOW_MICROS = 100_000;

    private static final byte[] ID = "id:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESET = "event:reset".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BOT = "\"role\":\"bot\"".getBytes(StandardCharsets.US_ASCII);

    private static boolean startsWith(byte[] line, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (line[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] line, int length, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (line[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The decimal number at {@code from}, after optional spaces, up to the first non-digit. */
    private static long number(byte[] line, int from, int length) {
        int i = from;
        while (i < length && line[i] == ' ') {
            i++;
        }
        long value = 0;
        for (; i < length && line[i] >= '0' && line[i] <= '9'; i++) {
            value = value * 10 + (line[i] - '0');
        }
        return value;
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

    /** Forgets the latencies recorded so far, the slow seconds too: what follows is the measurement. */
    void resetLatency() {
        latencyMicros.reset();
        slowBySecond.clear();
    }

    /** Since {@link #resetLatency}: by epoch second sent, the messages that took over {@link #SLOW_MICROS}. */
    Map<Long, Long> slowSeconds() {
        Map<Long, Long> slow = new TreeMap<>();
        slowBySecond.forEach((second, count) -> slow.put(second, count.get()));
        return slow;
    }

    /** The assistant's replies timed so far (only with {@code timesReplies}). */
    long replies() {
        return replies.get();
    }

    /** When the last reply arrived ({@link System#nanoTime}), or 0. */
    long lastReplyNanos() {
        return lastReplyNanos;
    }

    /** When the last posted message arrived on any stream ({@link System#nanoTime}), or 0. */
    long lastMessageNanos() {
        return lastMessageNanos;
    }

    /** From a customer's message to the assistant's reply (only with {@code timesReplies}). */
    Recorder replyTime() {
        return replyMicros;
    }

    List<Subscriber> subscribers() {
        synchronized (subscribers) {
            return new ArrayList<>(subscribers);
        }
    }

    @Override
    public void close() {
        closed = true;
        client.close();
        vertx.close();
    }
}
