package dev.livedesk.chat;

/** The payload of a {@code conversation} event: the conversation as it is after {@code change}. */
public record ConversationEvent(String conversationId, String change, Conversation conversation) {

    public static final String CREATED = "created";
}
