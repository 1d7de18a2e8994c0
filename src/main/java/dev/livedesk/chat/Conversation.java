package dev.livedesk.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

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

    /**
     * The clock every conversation and message time comes from. It ticks in microseconds because that is what
     * PostgreSQL keeps: a time read back from any store is the time that was sent live.
     */
    public static final Clock CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));

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

    /**
     * The same conversation with one side's read mark moved forward to {@code upTo}; empty when the mark is there
     * already or past it, because read marks never move back.
     */
    public Optional<Conversation> markRead(boolean agentSide, long upTo) {
        if (upTo <= (agentSide ? agentReadUpTo : customerReadUpTo)) {
            return Optional.empty();
        }
        return Optional.of(new Conversation(id, customerId, customerName, topic, status, assigneeId, createdAt,
                updatedAt, botMisses, agentSide ? customerReadUpTo : upTo, agentSide ? upTo : agentReadUpTo));
    }

    /** Whether an agent is working on it: it counts against that agent's capacity. */
    public boolean isOpenFor(String agentId) {
        return status == ConversationStatus.ASSIGNED && agentId.equals(assigneeId);
    }
}
