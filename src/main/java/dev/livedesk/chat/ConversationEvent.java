package dev.livedesk.chat;

/** The payload of a {@code conversation} event: the conversation as it is after {@code change}. */
public record ConversationEvent(String conversationId, String change, ConversationView conversation) {

    public static final String CREATED = "created";
    /** Handed from the assistant to the queue, or queued again. */
    public static final String QUEUED = "queued";
    /** An agent took it, or it moved from one agent to another. */
    public static final String ASSIGNED = "assigned";
    public static final String RESOLVED = "resolved";
    /** A customer wrote after it was resolved; it waits for an agent again. */
    public static final String REOPENED = "reopened";
    /** The customer left an email to be answered at. */
    public static final String CONTACT = "contact";
    /** Agents changed its labels; only agents hear of it. */
    public static final String LABELS = "labels";
}
