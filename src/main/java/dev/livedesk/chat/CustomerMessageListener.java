package dev.livedesk.chat;

/**
 * Hears a customer's new message while the assistant has the conversation. The assistant implements it; the
 * interface keeps the chat free of a dependency on the bot.
 */
public interface CustomerMessageListener {

    void onCustomerMessage(Conversation conversation, Message message);
}
