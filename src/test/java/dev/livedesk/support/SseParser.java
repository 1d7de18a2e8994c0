package dev.livedesk.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads an event stream the way the WHATWG HTML standard tells a browser to: lines end at CRLF, LF or CR; a blank
 * line dispatches the event; {@code data} lines join with LF; an event with no data is not dispatched.
 */
public final class SseParser {

    private final PushbackInputStream in;
    private final Consumer<SseEvent> onEvent;
    private final Consumer<String> onComment;
    private final Consumer<Long> onRetry;

    public SseParser(InputStream in, Consumer<SseEvent> onEvent, Consumer<String> onComment, Consumer<Long> onRetry) {
        this.in = new PushbackInputStream(in, 1);
        this.onEvent = onEvent;
        this.onComment = onComment;
        this.onRetry = onRetry;
    }

    /** Reads until the stream ends; an event cut off by the end is dropped, as browsers do. */
    public void run() throws IOException {
        String id = null;
        String event = null;
        StringBuilder data = null;
        String line;
        boolean first = true;
        while ((line = readLine()) != null) {
            if (first && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            first = false;
            if (line.isEmpty()) {
                if (data != null) {
                    onEvent.accept(new SseEvent(id, event == null ? "message" : event, data.toString()));
                }
                id = null;
                event = null;
                data = null;
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "" -> onComment.accept(value);
                case "id" -> id = value.indexOf('\0') >= 0 ? id : value;
                case "event" -> event = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                case "retry" -> {
                    if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
                        onRetry.accept(Long.parseLong(value));
                    }
                }
                default -> {
                }
            }
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\r') {
                int next = in.read();
                if (next != '\n' && next != -1) {
                    in.unread(next);
                }
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return null;
    }
}
