package dev.livedesk.event;

/**
 * Which streams carry an event. The conversation's stream is the one its customer reads (agents may open it too);
 * the agents' stream is read by agents only. What must never reach a customer (private notes, labels, the agents'
 * view of a conversation) is for {@link #AGENTS} alone.
 */
public enum Audience {

    /** The conversation's stream and the agents' stream. */
    EVERYONE(true, true),
    /** Only the agents' stream: never a customer. */
    AGENTS(true, false),
    /** Only the conversation's stream: the customer's copy of something agents get in another form. */
    CONVERSATION(false, true);

    private final boolean agentsStream;
    private final boolean conversationStream;

    Audience(boolean agentsStream, boolean conversationStream) {
        this.agentsStream = agentsStream;
        this.conversationStream = conversationStream;
    }

    public boolean agentsStream() {
        return agentsStream;
    }

    public boolean conversationStream() {
        return conversationStream;
    }

    /** The audience of a stored pair of flags, as the PostgreSQL log keeps them. */
    public static Audience of(boolean agentsStream, boolean conversationStream) {
        return agentsStream ? (conversationStream ? EVERYONE : AGENTS) : CONVERSATION;
    }
}
