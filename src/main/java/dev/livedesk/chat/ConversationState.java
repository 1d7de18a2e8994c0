package dev.livedesk.chat;

/**
 * A conversation, in its reader's view, with the id of its newest event, from which a client can subscribe without
 * a gap.
 */
public record ConversationState(ConversationView conversation, long lastEventId) {
}
