package dev.livedesk.chat;

import java.util.List;

/** Answer to {@code GET /api/conversations}. */
public record ConversationList(List<Conversation> conversations) {
}
