package dev.livedesk.report;

import java.util.List;

/**
 * Figures over the conversations created in a range. Only conversations in which the customer wrote count; the
 * others are {@code empty} and count nowhere else.
 *
 * @param conversations       how many were created and had a customer message
 * @param empty               how many were created without any customer message
 * @param handedOff           how many ever waited for a person
 * @param resolvedByAssistant how many only the assistant had and that ended: resolved, or the customer has been
 *                            quiet for the report's inactivity time
 * @param open                how many only the assistant has had and that have not ended
 * @param reopened            how many the assistant resolved and that then came back: reopened, or the same
 *                            customer started another conversation within {@link Tally#REOPEN_WINDOW}
 * @param firstResponse       from entering the queue to the first agent message, over those answered
 * @param resolution          from creation to resolution, over those handed off and now resolved
 * @param ratingSum           the sum of the ratings given
 * @param ratings             how many were rated
 * @param ratingDistribution  how many were rated 1, 2, 3, 4 and 5 (five counts)
 */
public record ConversationFigures(int conversations, int empty, int handedOff, int resolvedByAssistant, int open,
                                  int reopened, Spread firstResponse, Spread resolution, long ratingSum, int ratings,
                                  List<Integer> ratingDistribution) {

    public ConversationFigures {
        ratingDistribution = List.copyOf(ratingDistribution);
    }
}
