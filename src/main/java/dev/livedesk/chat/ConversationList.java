package dev.livedesk.chat;

import java.util.List;

/**
 * Answer to {@code GET /api/conversations}: one page of a view.
 *
 * @param lastEventId the newest event id in the store, read before the list: subscribe to the agents' stream with
 *                    {@code ?lastEventId=} this value to miss nothing that happened after
 * @param next        the cursor of the next page ({@code ?after=}), or null on the last page
 */
public record ConversationList(List<ConversationView.Listed> conversations, long lastEventId, String next) {
}
