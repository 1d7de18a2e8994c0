package dev.livedesk.chat;

/** Body of {@code POST /api/conversations}; both fields optional. */
public record StartConversationRequest(String customerName, String topic) {
}
