package dev.livedesk.event;

/**
 * A durable event. Ids come from one global sequence; the payload is encoded once, when the event is created,
 * and reused for every subscriber and every replay.
 *
 * @param inboxId  the inbox of its conversation, which decides which agents see it; null for every agent
 * @param audience which streams carry it (see {@link EventDraft})
 */
public record StoredEvent(long id, String type, String conversationId, String inboxId, String data,
                          Audience audience) {

    /** An event of no inbox. */
    public StoredEvent(long id, String type, String conversationId, String data, Audience audience) {
        this(id, type, conversationId, null, data, audience);
    }

    /** The event as stored under the given id. */
    public static StoredEvent of(long id, EventDraft draft) {
        return new StoredEvent(id, draft.type(), draft.conversationId(), draft.inboxId(), draft.data(),
                draft.audience());
    }
}
