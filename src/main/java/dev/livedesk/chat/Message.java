package dev.livedesk.chat;

import java.time.Instant;

/** One chat message; {@code clientMessageId} is the sender's idempotency key, or null. */
public record Message(
        String id,
        String conversationId,
        Sender sender,
        String text,
        Instant sentAt,
        String clientMessageId) {
}
