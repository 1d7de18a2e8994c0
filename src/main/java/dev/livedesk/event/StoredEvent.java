package dev.livedesk.event;

/**
 * A durable event. Ids come from one global sequence; the payload is encoded once, when the event is created,
 * and reused for every subscriber and every replay.
 *
 * @param toAgents whether the agents' stream carries it (see {@link EventDraft#toAgents()})
 */
public record StoredEvent(long id, String type, String conversationId, String data, boolean toAgents) {
}
