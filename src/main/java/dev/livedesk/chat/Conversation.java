package dev.livedesk.chat;

import dev.livedesk.error.DeskException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One customer's conversation with the service desk.
 *
 * @param botMisses        questions in a row the assistant could not answer
 * @param customerReadUpTo the newest event id the customer has read, 0 for none
 * @param agentReadUpTo    the newest event id an agent has read, 0 for none
 * @param profile          what is known about the customer
 * @param labels           the agents' labels, in the order they were given; never shown to the customer
 * @param rating           the customer's rating after it was resolved, or null
 * @param milestones       when it reached the points the team's reports measure from
 * @param inboxId          the inbox (website or brand) it came through
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
        long agentReadUpTo,
        CustomerProfile profile,
        List<String> labels,
        Rating rating,
        Milestones milestones,
        String inboxId) {

    /** The inbox configuration defines, which a conversation started without a website token belongs to. */
    public static final String DEFAULT_INBOX = "default";

    public Conversation {
        inboxId = inboxId == null ? DEFAULT_INBOX : inboxId;
        profile = profile == null ? CustomerProfile.NONE : profile;
        labels = labels == null ? List.of() : List.copyOf(labels);
        milestones = milestones == null ? Milestones.NONE : milestones;
    }

    /** A new conversation in the given state. */
    public static Conversation open(String id, String customerId, String customerName, String topic,
                                    ConversationStatus status, Instant now) {
        return open(id, customerId, customerName, topic, status, now, CustomerProfile.NONE);
    }

    /** A new conversation in the given state, with what is known about its customer. */
    public static Conversation open(String id, String customerId, String customerName, String topic,
                                    ConversationStatus status, Instant now, CustomerProfile profile) {
        return new Conversation(id, customerId, customerName, topic, status, null, now, now, 0, 0, 0, profile,
                List.of(), null, Milestones.startingIn(status, now), DEFAULT_INBOX);
    }

    /** The same conversation in another inbox: for a new conversation, before it is stored. */
    public Conversation inInbox(String inbox) {
        return new Conversation(id, customerId, customerName, topic, status, assigneeId, createdAt, updatedAt,
                botMisses, customerReadUpTo, agentReadUpTo, profile, labels, rating, milestones, inbox);
    }

    /** The same conversation in another state, with another assignee (null for none). */
    public Conversation moveTo(ConversationStatus next, String assignee, Instant now) {
        return new Conversation(id, customerId, customerName, topic, next, assignee, createdAt, now,
                next == ConversationStatus.BOT ? botMisses : 0, customerReadUpTo, agentReadUpTo, profile, labels,
                rating, milestones.movedTo(next, assignee, now), inboxId);
    }

    public Conversation withBotMisses(int misses, Instant now) {
        return new Conversation(id, customerId, customerName, topic, status, assigneeId, createdAt, now, misses,
                customerReadUpTo, agentReadUpTo, profile, labels, rating, milestones, inboxId);
    }

    /** The same conversation with another profile of its customer. */
    public Conversation withProfile(CustomerProfile next, Instant now) {
        return new Conversation(id, customerId, customerName, topic, status, assigneeId, createdAt, now, botMisses,
                customerReadUpTo, agentReadUpTo, next, labels, rating, milestones, inboxId);
    }

    /** The same conversation with other labels. */
    public Conversation withLabels(List<String> next, Instant now) {
        return new Conversation(id, customerId, customerName, topic, status, assigneeId, createdAt, now, botMisses,
                customerReadUpTo, agentReadUpTo, profile, next, rating, milestones, inboxId);
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
                updatedAt, botMisses, agentSide ? customerReadUpTo : upTo, agentSide ? upTo : agentReadUpTo, profile,
                labels, rating, milestones, inboxId));
    }

    /**
     * The same conversation rated by its customer. Only a resolved conversation can be rated, and only once.
     *
     * @throws DeskException CONFLICT {@code not-resolved} or {@code already-rated}
     */
    public Conversation rated(Rating given, Instant now) {
        if (status != ConversationStatus.RESOLVED) {
            throw DeskException.conflict("not-resolved", "A conversation can be rated once it is resolved");
        }
        if (rating != null) {
            throw DeskException.conflict("already-rated", "This conversation was rated already");
        }
        return new Conversation(id, customerId, customerName, topic, status, assigneeId, createdAt, now, botMisses,
                customerReadUpTo, agentReadUpTo, profile, labels, given, milestones, inboxId);
    }

    /**
     * The conversation after one of its messages was stored: an agent's first message is its first response. Both
     * stores call this for every message they store, so the milestone is written with the message.
     */
    public Conversation after(Message message) {
        Milestones next = milestones.after(message);
        return next == milestones ? this : new Conversation(id, customerId, customerName, topic, status, assigneeId,
                createdAt, updatedAt, botMisses, customerReadUpTo, agentReadUpTo, profile, labels, rating, next, inboxId);
    }

    /** Whether an agent is working on it: it counts against that agent's capacity. */
    public boolean isOpenFor(String agentId) {
        return status == ConversationStatus.ASSIGNED && agentId.equals(assigneeId);
    }
}
