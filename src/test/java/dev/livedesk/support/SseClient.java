package dev.livedesk.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test subscriber on a plain socket: sends an HTTP/1.1 GET, reads the head, then de-chunks and parses the event
 * stream on its own thread, recording what arrives. No client library sits between the bytes and the parser, and
 * closing it closes the connection for certain.
 */
public final class SseClient implements AutoCloseable {

    private final Socket socket;
    private final int status;
    private final Map<String, String> headers;
    private final InputStream body;
    private final List<SseEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final List<Long> retries = new CopyOnWriteArrayList<>();
    private volatile boolean ended;

    private SseClient(Socket socket, int status, Map<String, String> headers, InputStream body) {
        this.socket = socket;
        this.status = status;
        this.headers = headers;
        this.body = body;
        if (status == 200) {
            Thread reader = new Thread(this::read, "sse-test-client");
            reader.setDaemon(true);
            reader.start();
        } else {
            ended = true;
        }
    }

    /** Opens a stream with the given request headers; waits at most 10 s for the response head. */
    public static SseClient open(URI uri, Map<String, String> requestHeaders) {
        return open(uri, requestHeaders, null);
    }

    /**
     * Opens a stream from a given local address, e.g. 127.0.0.2: all of 127.0.0.0/8 is loopback, so tests can be
     * several clients.
     */
    public static SseClient open(URI uri, Map<String, String> requestHeaders, String localAddress) {
        Socket socket = new Socket();
        try {
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET ").append(uri.getRawPath())
                    .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                    .append("Accept: text/event-stream\r\n");
            requestHeaders.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String statusLine = ChunkedInputStream.readLine(in);
            if (statusLine == null) {
                throw new IOException("no response");
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            String line;
            while ((line = ChunkedInputStream.readLine(in)) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            socket.setSoTimeout(0);
            boolean chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
            InputStream body = chunked ? new ChunkedInputStream(in) : bodyOf(in, headers);
            return new SseClient(socket, status, headers, body);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
            throw new IllegalStateException("Could not open " + uri, e);
        }
    }

    public static SseClient open(URI uri, String bearerToken) {
        return open(uri, Map.of("Authorization", "Bearer " + bearerToken));
    }

    private static InputStream bodyOf(InputStream in, Map<String, String> headers) throws IOException {
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new ByteArrayInputStream(in.readNBytes(length));
    }

    public int status() {
        return status;
    }

    /** A response header by case-insensitive name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The body of a refused stream (status other than 200). */
    public String errorBody() {
        try {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<SseEvent> events() {
        return new ArrayList<>(events);
    }

    /** The events of one type, in arrival order. */
    public List<SseEvent> events(String type) {
        return events.stream().filter(e -> e.event().equals(type)).toList();
    }

    /** The ids of the events that carry one, in arrival order. */
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
        try {
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
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
