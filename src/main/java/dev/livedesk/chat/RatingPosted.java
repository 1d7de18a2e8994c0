package dev.livedesk.chat;

/** Answer to a rating. */
public record RatingPosted(String conversationId, Rating rating) {
}
