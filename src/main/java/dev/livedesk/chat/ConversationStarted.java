package dev.livedesk.chat;

/** Answer to starting a conversation: the conversation as its customer sees it, and the customer's token. */
public record ConversationStarted(ConversationView.ForCustomer conversation, String token) {
}
