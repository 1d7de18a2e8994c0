package dev.livedesk.event;

/**
 * A durable event. Ids come from one global sequence; the payload is encoded once, when the event is created,
 * and reused for every subscriber and every replay.
 *
 * @param audience which streams carry it (see {@link EventDraft})
 */
public record StoredEvent(long id, String type, String conversationId, String data, Audience audience) {

    /** The event as stored under the given id. */
    public static StoredEvent of(long id, EventDraft draft) {
        return new StoredEvent(id, draft.type(), draft.conversationId(), draft.data(), draft.audience());
    }
}
