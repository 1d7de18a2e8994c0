package dev.livedesk.chat;

import java.util.List;

/**
 * One page of history, oldest first: messages, and for agents private notes too.
 *
 * @param hasMore     whether messages after this page exist; ask again with {@code after} = the last eventId
 * @param lastEventId the conversation's newest event id when the page was read: subscribe with
 *                    {@code ?lastEventId=} this value once the last page is loaded
 */
public record MessagePage(String conversationId, List<HistoryEntry> messages, boolean hasMore, long lastEventId) {
}
