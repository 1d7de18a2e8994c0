package dev.livedesk.chat;

import java.time.Instant;

/**
 * The moments of a conversation that the team's reports measure from, kept with the conversation and written in the
 * same step as the events that announce them, so that reports are aggregates over one row per conversation (SQL on
 * PostgreSQL) instead of a replay of every event, and read the same on every replica.
 *
 * @param queuedAt         when it first waited for a person: handed over by the assistant, started in the queue, or
 *                         taken by an agent straight from the assistant; null while only the assistant has had it
 * @param firstResponseAt  the first message an agent wrote in it, or null
 * @param firstResponderId who wrote that message
 * @param agentId          the agent it was last assigned to, kept after it is resolved; null if never assigned
 * @param resolvedAt       when it was last resolved; null while it is open
 * @param lastCustomerMessageAt when the customer last wrote; null while they have written nothing (an empty
 *                         conversation, which reports do not count)
 * @param assistantResolvedAt when it was resolved while only the assistant had had it; kept if it is reopened
 */
public record Milestones(Instant queuedAt, Instant firstResponseAt, String firstResponderId, String agentId,
                         Instant resolvedAt, Instant lastCustomerMessageAt, Instant assistantResolvedAt) {

    public static final Milestones NONE = new Milestones(null, null, null, null, null, null, null);

    public Milestones(Instant queuedAt, Instant firstResponseAt, String firstResponderId, String agentId,
                      Instant resolvedAt) {
        this(queuedAt, firstResponseAt, firstResponderId, agentId, resolvedAt, null, null);
    }

    /** The milestones of a conversation that starts in {@code status}. */
    static Milestones startingIn(ConversationStatus status, Instant at) {
        return NONE.movedTo(status, null, at);
    }

    /** Whether a person was ever asked for: the conversation left the assistant. */
    public boolean handedOff() {
        return queuedAt != null;
    }

    /** The milestones after the conversation moved to {@code status} with {@code assignee} at {@code at}. */
    Milestones movedTo(ConversationStatus status, String assignee, Instant at) {
        boolean withPeople = status == ConversationStatus.QUEUED || status == ConversationStatus.ASSIGNED;
        boolean resolved = status == ConversationStatus.RESOLVED;
        return new Milestones(queuedAt == null && withPeople ? at : queuedAt, firstResponseAt, firstResponderId,
                status == ConversationStatus.ASSIGNED && assignee != null ? assignee : agentId,
                resolved ? at : null, lastCustomerMessageAt,
                resolved && queuedAt == null ? at : assistantResolvedAt);
    }

    /**
     * The milestones after a message: a customer's marks when they last wrote; an agent's first one is the first
     * response, and an agent who writes in a conversation nobody queued has taken it over from the assistant then.
     */
    Milestones after(Message message) {
        String role = message.sender().role();
        if (Sender.CUSTOMER.equals(role)) {
            return new Milestones(queuedAt, firstResponseAt, firstResponderId, agentId, resolvedAt, message.sentAt(),
                    assistantResolvedAt);
        }
        if (firstResponseAt != null || !Sender.AGENT.equals(role)) {
            return this;
        }
        return new Milestones(queuedAt == null ? message.sentAt() : queuedAt, message.sentAt(),
                message.sender().id(), agentId, resolvedAt, lastCustomerMessageAt, assistantResolvedAt);
    }
}
