package dev.livedesk.store;

/**
 * An event before the store gives it an id.
 *
 * @param type           the SSE event name, one of {@link EventTypes}
 * @param conversationId the conversation it belongs to, or null for an event only the agents' stream carries
 * @param data           the payload, already encoded as one line of JSON
 */
public record EventDraft(String type, String conversationId, String data) {
}
