package dev.livedesk.chat;

import java.time.Instant;

/** One customer's conversation with the service desk. */
public record Conversation(
        String id,
        String customerId,
        String customerName,
        String topic,
        ConversationStatus status,
        String assigneeId,
        Instant createdAt,
        Instant updatedAt) {
}
