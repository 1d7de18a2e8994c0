package dev.livedesk.chat;

/**
 * CDI event: a conversation changed state.
 *
 * @param before       the conversation before the change, or null for a new conversation
 * @param conversation the conversation as it is now
 */
public record ConversationMoved(Conversation before, Conversation conversation) {
}
