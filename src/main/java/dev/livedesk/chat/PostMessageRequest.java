package dev.livedesk.chat;

/** Body of {@code POST /api/conversations/{id}/messages}. */
public record PostMessageRequest(String text, String clientMessageId) {
}
