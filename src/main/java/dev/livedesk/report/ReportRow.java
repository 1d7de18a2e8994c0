package dev.livedesk.report;

import java.time.Instant;
import java.util.List;

/**
 * One conversation as a report lists it.
 *
 * @param agentId              the agent it was last assigned to, or null
 * @param firstResponseSeconds from entering the queue to the first agent message, or null
 * @param resolutionSeconds    from creation to resolution when it was handed off and is resolved, or null
 * @param rating               the customer's score, or null
 * @param ratingComment        what the customer wrote with it, or null
 */
public record ReportRow(String id, Instant createdAt, String customerName, String status, String agentId,
                        List<String> labels, Double firstResponseSeconds, Double resolutionSeconds, Integer rating,
                        String ratingComment) {

    public ReportRow {
        labels = List.copyOf(labels);
    }
}
