package dev.livedesk.event;

/**
 * An event before the store gives it an id.
 *
 * @param type           the SSE event name, one of {@link EventTypes}
 * @param conversationId the conversation it belongs to, or null for one that belongs to none (only the agents'
 *                       stream carries those)
 * @param inboxId        the inbox of its conversation, which decides which agents' streams carry it; null for an
 *                       event every agent may see (an agent's status)
 * @param data           the payload, already encoded as one line of JSON
 * @param audience       which streams carry it
 */
public record EventDraft(String type, String conversationId, String inboxId, String data, Audience audience) {

    public EventDraft {
        if (conversationId == null && !audience.agentsStream()) {
            throw new IllegalArgumentException("an event of no conversation can only be for agents");
        }
    }

    /** An event of no inbox: every agent's stream carries it (when its audience includes the agents). */
    public EventDraft(String type, String conversationId, String data, Audience audience) {
        this(type, conversationId, null, data, audience);
    }

    /** An event of no inbox for its conversation's stream and the agents' stream. */
    public EventDraft(String type, String conversationId, String data) {
        this(type, conversationId, null, data, Audience.EVERYONE);
    }

    /** The same event, of the given inbox: what a store stamps on each event of a conversation it writes. */
    public EventDraft inInbox(String inbox) {
        return new EventDraft(type, conversationId, inbox, data, audience);
    }
}
