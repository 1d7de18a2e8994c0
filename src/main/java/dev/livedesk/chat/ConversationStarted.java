package dev.livedesk.chat;

/** Answer to starting a conversation: the conversation and the customer's token for it. */
public record ConversationStarted(Conversation conversation, String token) {
}
