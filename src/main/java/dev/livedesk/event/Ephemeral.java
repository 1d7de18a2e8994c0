package dev.livedesk.event;

/** An event without id (typing, answer drafts, desk status): sent to whoever is live, never stored. */
public record Ephemeral(StreamKey stream, String type, String data) {
}
