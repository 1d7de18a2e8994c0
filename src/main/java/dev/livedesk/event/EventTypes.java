package dev.livedesk.event;

/** The names of event types, as sent in the SSE {@code event:} field. */
public final class EventTypes {

    /** Durable: a chat message. */
    public static final String MESSAGE = "message";
    /** Durable: a conversation was created or changed state. */
    public static final String CONVERSATION = "conversation";
    /** Durable: an agent's presence changed. */
    public static final String AGENT_STATUS = "agent-status";
    /** Durable, agents only: a private note on a conversation. */
    public static final String NOTE = "note";
    /** Durable, agents only: a customer rated a resolved conversation. */
    public static final String RATING = "rating";
    /** Durable: one side read up to an event. */
    public static final String READ = "read";
    /** Ephemeral: a queued conversation's place and expected wait changed. */
    public static final String QUEUE = "queue";
    /** Ephemeral: someone is typing, or stopped. */
    public static final String TYPING = "typing";
    /** Ephemeral, agents' stream only: an agent opened a conversation (and keeps it open), or closed it. */
    public static final String VIEWING = "viewing";
    /** Ephemeral, agents' stream only: an inbox or who belongs to it changed; a console reloads what it lists. */
    public static final String INBOXES = "inboxes";
    /** Ephemeral: the next chunk of an answer the assistant is writing. */
    public static final String MESSAGE_DELTA = "message-delta";

    private EventTypes() {
    }
}
