package dev.livedesk.report;

import java.time.Instant;

/**
 * A customer's rating of a conversation created in the report's range, for the list of recent comments.
 *
 * @param agentId the agent the conversation was last assigned to, or null when no person had it
 */
public record RecentRating(String conversationId, int score, String comment, Instant ratedAt, String agentId) {
}
