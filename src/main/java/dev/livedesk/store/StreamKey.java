package dev.livedesk.store;

/** Names one event stream: one conversation's, or the agents' stream, which carries every event. */
public record StreamKey(String conversationId) {

    public static final StreamKey AGENTS = new StreamKey(null);

    public static StreamKey conversation(String conversationId) {
        return new StreamKey(conversationId);
    }

    public boolean isAgents() {
        return conversationId == null;
    }

    /** Whether this stream carries the event. */
    public boolean carries(StoredEvent event) {
        return isAgents() ? event.toAgents() : conversationId.equals(event.conversationId());
    }

    @Override
    public String toString() {
        return isAgents() ? "agents" : "conversation:" + conversationId;
    }
}
