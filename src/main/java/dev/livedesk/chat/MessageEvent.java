package dev.livedesk.chat;

/** The payload of a {@code message} event. */
public record MessageEvent(String conversationId, Message message) {
}
