package dev.livedesk.chat;

import java.time.Instant;

/**
 * One customer's conversation with the service desk.
 *
 * @param botMisses        questions in a row the assistant could not answer
 * @param customerReadUpTo the newest event id the customer has read, 0 for none
 * @param agentReadUpTo    the newest event id an agent has read, 0 for none
 */
public record Conversation(
        String id,
        String customerId,
        String customerName,
        String topic,
        ConversationStatus status,
        String assigneeId,
        Instant createdAt,
        Instant updatedAt,
        int botMisses,
        long customerReadUpTo,
        long agentReadUpTo) {

    /** A new conversation in the given state. */
    public static Conversation open(String id, String customerId, String customerName, String topic,
                                    ConversationStatus status, Instant now) {
        return new Conversation(id, customerId, customerName, topic, status, null, now, now, 0, 0, 0);
    }

    /** The same conversation in another state, with another assignee (null for none). */
    public Conversation moveTo(ConversationStatus next, String assignee, Instant now) {
        return new Conversation(id, customerId, customerName, topic, next, assignee, createdAt, now,
                next == ConversationStatus.BOT ? botMisses : 0, customerReadUpTo, agentReadUpTo);
    }

    public Conversation withBotMisses(int misses, Instant now) {
        return new Conversation(id, customerId, customerName, topic, status, assigneeId, createdAt, now, misses,
                customerReadUpTo, agentReadUpTo);
    }

    /** The same conversation with one side's read mark moved to {@code upTo}. */
    public Conversation readBy(boolean agent, long upTo) {
        return new Conversation(id, customerId, customerName, topic, status, assigneeId, createdAt, updatedAt,
                botMisses, agent ? customerReadUpTo : upTo, agent ? upTo : agentReadUpTo);
    }

    /** Whether an agent is working on it: it counts against that agent's capacity. */
    public boolean isOpenFor(String agentId) {
        return status == ConversationStatus.ASSIGNED && agentId.equals(assigneeId);
    }
}
