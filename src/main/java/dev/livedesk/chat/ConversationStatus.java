package dev.livedesk.chat;

/** Where a conversation is in its lifecycle. */
public enum ConversationStatus {
    /** The FAQ assistant answers. */
    BOT,
    /** Waiting for a person. */
    QUEUED,
    /** An agent owns it. */
    ASSIGNED,
    /** Closed; a new customer message reopens it. */
    RESOLVED
}
