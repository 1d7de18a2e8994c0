package dev.livedesk.event;

/**
 * An event before the store gives it an id.
 *
 * @param type           the SSE event name, one of {@link EventTypes}
 * @param conversationId the conversation it belongs to, or null for one that belongs to none (only the agents'
 *                       stream carries those)
 * @param data           the payload, already encoded as one line of JSON
 * @param audience       which streams carry it
 */
public record EventDraft(String type, String conversationId, String data, Audience audience) {

    public EventDraft {
        if (conversationId == null && !audience.agentsStream()) {
            throw new IllegalArgumentException("an event of no conversation can only be for agents");
        }
    }

    /** An event for its conversation's stream and the agents' stream. */
    public EventDraft(String type, String conversationId, String data) {
        this(type, conversationId, data, Audience.EVERYONE);
    }
}
