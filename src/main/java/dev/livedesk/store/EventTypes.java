package dev.livedesk.store;

/** The names of durable event types, as sent in the SSE {@code event:} field. */
public final class EventTypes {

    public static final String MESSAGE = "message";
    public static final String CONVERSATION = "conversation";

    private EventTypes() {
    }
}
