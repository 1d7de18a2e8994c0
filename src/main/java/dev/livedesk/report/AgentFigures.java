package dev.livedesk.report;

/**
 * One agent's figures over the conversations created in a range.
 *
 * @param agentId             the agent
 * @param conversations       conversations last assigned to the agent
 * @param firstResponseMedian median seconds to the agent's first responses, or null
 * @param ratingSum           sum of the ratings of the agent's conversations
 * @param ratings             how many of them were rated
 */
public record AgentFigures(String agentId, int conversations, Double firstResponseMedian, long ratingSum,
                           int ratings) {
}
