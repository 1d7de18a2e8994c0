package dev.livedesk.chat;

/** Body of {@code POST /api/conversations/{id}/viewing}. */
public record ViewingRequest(Boolean viewing) {
}
