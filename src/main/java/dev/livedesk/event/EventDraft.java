package dev.livedesk.event;

/**
 * An event before the store gives it an id.
 *
 * @param type           the SSE event name, one of {@link EventTypes}
 * @param conversationId the conversation whose stream carries it, or null for an event only the agents' stream
 *                       carries
 * @param data           the payload, already encoded as one line of JSON
 * @param toAgents       whether the agents' stream carries it too; false for a copy that exists only so that one
 *                       conversation's customer sees it (the agents get the original)
 */
public record EventDraft(String type, String conversationId, String data, boolean toAgents) {

    /** An event for its conversation's stream and the agents' stream. */
    public EventDraft(String type, String conversationId, String data) {
        this(type, conversationId, data, true);
    }
}
