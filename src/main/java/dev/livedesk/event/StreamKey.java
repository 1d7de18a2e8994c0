package dev.livedesk.event;

/**
 * Names one event stream: one conversation's; the agents' stream, which carries every event meant for agents; or
 * an inbox's public status stream, which carries no durable event at all, only snapshots.
 *
 * @param conversationId the conversation of a conversation's stream; for a status stream the inbox, null for the
 *                       default inbox's
 */
public record StreamKey(Kind kind, String conversationId) {

    /** What a stream is for. */
    public enum Kind { CONVERSATION, AGENTS, STATUS }

    public static final StreamKey AGENTS = new StreamKey(Kind.AGENTS, null);
    public static final StreamKey STATUS = new StreamKey(Kind.STATUS, null);

    /** The status stream of an inbox; {@link #STATUS} for the default inbox ({@code "default"}). */
    public static StreamKey status(String inboxId) {
        return inboxId == null || "default".equals(inboxId) ? STATUS : new StreamKey(Kind.STATUS, inboxId);
    }

    public static StreamKey conversation(String conversationId) {
        return new StreamKey(Kind.CONVERSATION, conversationId);
    }

    public boolean isAgents() {
        return kind == Kind.AGENTS;
    }

    /** Whether this stream carries the event. */
    public boolean carries(StoredEvent event) {
        return switch (kind) {
            case AGENTS -> event.audience().agentsStream();
            case CONVERSATION -> event.audience().conversationStream() && conversationId.equals(event.conversationId());
            case STATUS -> false;
        };
    }

    @Override
    public String toString() {
        return kind == Kind.CONVERSATION ? "conversation:" + conversationId : kind.name().toLowerCase();
    }
}
