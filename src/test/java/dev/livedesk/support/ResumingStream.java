package dev.livedesk.support;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One stream followed across ends and restarts of the servers behind it, as a browser does: each new connection
 * resumes with {@code Last-Event-ID} after the last event received. Where it connects each time is up to the caller
 * (one service, or replicas in turn).
 */
public final class ResumingStream implements AutoCloseable {

    private final Supplier<URI> target;
    private final String token;
    private final List<SseEvent> earlier = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile SseClient current;

    /** Connects at once; a refused first connection is tried again by {@link #reconnectIfEnded()}. */
    public ResumingStream(Supplier<URI> target, String token) {
        this.target = target;
        this.token = token;
        connect();
    }

    /** Connects again, to the next target, if the current connection ended or there is none. */
    public synchronized void reconnectIfEnded() {
        if (current == null || current.ended()) {
            if (current != null) {
                earlier.addAll(current.events());
                current.close();
            }
            current = null;
            connect();
        }
    }

    private void connect() {
        List<Long> ids = received();
        Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + token));
        if (!ids.isEmpty()) {
            headers.put("Last-Event-ID", Long.toString(ids.get(ids.size() - 1)));
        }
        try {
            SseClient client = SseClient.open(target.get(), headers);
            if (client.status() == 200) {
                current = client;
                connections.incrementAndGet();
            } else {
                client.close();
            }
        } catch (RuntimeException refused) {
            current = null;
        }
    }

    /** Whether a connection is open now. */
    public boolean connected() {
        return current != null;
    }

    /** The ids of the durable events received over every connection, in order. */
    public List<Long> received() {
        List<Long> ids = new ArrayList<>();
        earlier.stream().filter(event -> event.id() != null).forEach(event -> ids.add(event.numericId()));
        SseClient now = current;
        if (now != null) {
            ids.addAll(now.ids());
        }
        return ids;
    }

    /** The {@code reset} events received over every connection. */
    public List<SseEvent> resets() {
        List<SseEvent> resets = new ArrayList<>(earlier.stream().filter(e -> e.event().equals("reset")).toList());
        SseClient now = current;
        if (now != null) {
            resets.addAll(now.events("reset"));
        }
        return resets;
    }

    /** How many connections were accepted. */
    public int connections() {
        return connections.get();
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            current.close();
        }
    }
}
