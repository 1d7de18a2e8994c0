package dev.livedesk.event;

/**
 * An event without id (typing, answer drafts, desk status): sent to whoever is live, never stored.
 *
 * @param inboxId the inbox of the conversation it is about, which decides which agents see it on the agents' stream;
 *                null for every agent
 */
public record Ephemeral(StreamKey stream, String type, String data, String inboxId) {

    /** An event of no inbox. */
    public Ephemeral(StreamKey stream, String type, String data) {
        this(stream, type, data, null);
    }
}
