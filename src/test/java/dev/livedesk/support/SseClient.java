package dev.livedesk.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A test subscriber: opens an event stream over HTTP/1.1, parses it on its own thread and records what arrives.
 * Close it to drop the connection.
 */
public final class SseClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final HttpResponse<InputStream> response;
    private final List<SseEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final List<Long> retries = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean ended;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-client");
        this.reader.setDaemon(true);
        if (response.statusCode() == 200) {
            reader.start();
        } else {
            ended = true;
        }
    }

    /** Opens a stream with the given request headers; waits at most 10 s for the response head. */
    public static SseClient open(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", "text/event-stream");
        headers.forEach(request::header);
        try {
            return new SseClient(HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                    .get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("Could not open " + uri, e);
        }
    }

    public static SseClient open(URI uri, String bearerToken) {
        return open(uri, Map.of("Authorization", "Bearer " + bearerToken));
    }

    public int status() {
        return response.statusCode();
    }

    public java.net.http.HttpHeaders headers() {
        return response.headers();
    }

    /** The body of a refused stream (status other than 200). */
    public String errorBody() {
        try (InputStream body = response.body()) {
            return new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<SseEvent> events() {
        return new ArrayList<>(events);
    }

    /** The events that carry an id, in arrival order. */
    public List<Long> ids() {
        return events.stream().filter(e -> e.id() != null).map(SseEvent::numericId).toList();
    }

    public List<String> comments() {
        return new ArrayList<>(comments);
    }

    public List<Long> retries() {
        return new ArrayList<>(retries);
    }

    /** Whether the server ended the stream. */
    public boolean ended() {
        return ended;
    }

    private void read() {
        try (InputStream body = response.body()) {
            new SseParser(body, events::add, comments::add, retries::add).run();
        } catch (IOException e) {
            // the connection was closed, by us or by the server
        } finally {
            ended = true;
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already closed
        }
    }
}
