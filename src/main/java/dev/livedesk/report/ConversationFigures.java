package dev.livedesk.report;

import java.util.List;

/**
 * Figures over the conversations created in a range.
 *
 * @param conversations       how many were created
 * @param handedOff           how many ever waited for a person; the others only the assistant had (it resolved them,
 *                            or the customer left)
 * @param firstResponse       from entering the queue to the first agent message, over those answered
 * @param resolution          from creation to resolution, over those handed off and now resolved
 * @param ratingSum           the sum of the ratings given
 * @param ratings             how many were rated
 * @param ratingDistribution  how many were rated 1, 2, 3, 4 and 5 (five counts)
 */
public record ConversationFigures(int conversations, int handedOff, Spread firstResponse, Spread resolution,
                                  long ratingSum, int ratings, List<Integer> ratingDistribution) {

    public ConversationFigures {
        ratingDistribution = List.copyOf(ratingDistribution);
    }
}
