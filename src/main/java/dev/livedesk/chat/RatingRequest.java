package dev.livedesk.chat;

/** Body of {@code POST /api/conversations/{id}/rating}. */
public record RatingRequest(Integer score, String comment) {
}
