package dev.livedesk.report;

import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/reports/summary} answers: the figures team leads read first, over the conversations created
 * in the range.
 *
 * @param conversations       conversations created in the range in which the customer wrote
 * @param empty               conversations created in the range in which the customer wrote nothing: counted nowhere
 *                            else
 * @param resolvedByAssistant those only the assistant had and that ended (resolved, or the customer quiet for
 *                            {@code livedesk.reports.inactive-after})
 * @param open                those only the assistant has had that have not ended yet
 * @param reopened            those the assistant resolved that came back (reopened, or the same customer's next
 *                            conversation within 24 h)
 * @param deflectionRate      resolvedByAssistant / conversations
 * @param byHour              every hour of the range in its time zone, empty ones too, so charts need no gap
 *                            filling
 * @param lastEventId         the newest event when the figures were read: the agents' stream resumed from it brings
 *                            every change since, which is how a page keeps the figures live
 */
public record ReportSummary(String from, String to, String tz, int conversations, int empty,
                            int resolvedByAssistant, int open, int reopened, int handedOff, double deflectionRate,
                            Spread firstResponseSeconds, Spread resolutionSeconds, RatingFigures rating,
                            List<Agent> byAgent, List<Hour> byHour, long lastEventId) {

    /**
     * @param average      the mean score, or null when nothing was rated
     * @param distribution how many conversations got each score, "1" to "5"
     * @param recent       the newest ratings of the range (at most 20), newest first, with their comments
     */
    public record RatingFigures(Double average, int count, Map<String, Integer> distribution,
                                List<RecentRating> recent) {
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
