package dev.livedesk.support;

import io.restassured.path.json.JsonPath;

/** One dispatched SSE event as a browser would see it: id null when the event carried none. */
public record SseEvent(String id, String event, String data) {

    public long numericId() {
        return Long.parseLong(id);
    }

    /** A value from the JSON data, by RestAssured's GPath (e.g. {@code message.sender.role}). */
    public <T> T json(String path) {
        return JsonPath.from(data).get(path);
    }
}
