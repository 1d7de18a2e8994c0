package dev.livedesk.chat;

/** CDI event: a conversation changed state; carries it as it is now. */
public record ConversationMoved(Conversation conversation) {
}
