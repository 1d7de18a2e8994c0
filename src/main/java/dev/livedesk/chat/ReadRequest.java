package dev.livedesk.chat;

/** Body of {@code POST /api/conversations/{id}/read}. */
public record ReadRequest(Long upTo) {
}
