package dev.livedesk.chat;

/** Body of {@code POST /api/conversations/{id}/typing}. */
public record TypingRequest(Boolean typing) {
}
