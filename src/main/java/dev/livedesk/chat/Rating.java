package dev.livedesk.chat;

import dev.livedesk.error.DeskException;

import java.time.Instant;

/**
 * How the customer rated a resolved conversation.
 *
 * @param score   1 (bad) to 5 (good)
 * @param comment what the customer added, at most {@value #MAX_COMMENT_CHARS} characters, or null
 */
public record Rating(int score, String comment, Instant ratedAt) {

    public static final int MAX_COMMENT_CHARS = 1000;

    /**
     * A rating from what a customer sent.
     *
     * @throws DeskException INVALID for a score outside 1..5 or a comment too long
     */
    public static Rating of(Integer score, String comment, Instant now) {
        if (score == null || score < 1 || score > 5) {
            throw DeskException.invalid("invalid-score", "score must be a whole number from 1 to 5");
        }
        return new Rating(score, TextRules.optional(comment, "comment", MAX_COMMENT_CHARS), now);
    }
}
