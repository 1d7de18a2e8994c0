package dev.livedesk.support;

/** One dispatched SSE event as a browser would see it: id null when the event carried none. */
public record SseEvent(String id, String event, String data) {

    public long numericId() {
        return Long.parseLong(id);
    }
}
