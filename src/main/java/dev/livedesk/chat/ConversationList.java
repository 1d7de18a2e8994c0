package dev.livedesk.chat;

import java.util.List;

/**
 * Answer to {@code GET /api/conversations}.
 *
 * @param lastEventId the newest event id in the store, read before the list: subscribe to the agents' stream with
 *                    {@code ?lastEventId=} this value to miss nothing that happened after
 */
public record ConversationList(List<ConversationView.Listed> conversations, long lastEventId) {
}
