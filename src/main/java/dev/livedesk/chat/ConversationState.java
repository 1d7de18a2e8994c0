package dev.livedesk.chat;

/** A conversation with the id of its newest event, from which a client can subscribe without a gap. */
public record ConversationState(Conversation conversation, long lastEventId) {
}
