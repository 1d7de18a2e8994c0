package dev.livedesk.report;

import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/reports/summary} answers: the figures team leads read first, over the conversations created
 * in the range.
 *
 * @param deflectionRate the share of conversations the assistant kept: resolved or left without ever being queued
 * @param byHour         every hour of the range in its time zone, empty ones too, so charts need no gap filling
 * @param lastEventId    the newest event when the figures were read: the agents' stream resumed from it brings every
 *                       change since, which is how a page keeps the figures live
 */
public record ReportSummary(String from, String to, String tz, int conversations, int resolvedByAssistant,
                            int handedOff, double deflectionRate, Spread firstResponseSeconds,
                            Spread resolutionSeconds, RatingFigures rating, List<Agent> byAgent, List<Hour> byHour,
                            long lastEventId) {

    /**
     * @param average      the mean score, or null when nothing was rated
     * @param distribution how many conversations got each score, "1" to "5"
     */
    public record RatingFigures(Double average, int count, Map<String, Integer> distribution) {
    }

    public record Agent(String agentId, String name, int conversations, Median firstResponseSeconds,
                        AgentRating rating) {
    }

    public record Median(Double median) {
    }

    public record AgentRating(Double average, int count) {
    }

    /** @param hour the hour's start, as an offset date-time in the report's zone */
    public record Hour(String hour, int conversations, int messages) {
    }
}
