package dev.livedesk.chat;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;
import java.util.List;

/**
 * A conversation as JSON, in the form its reader may see: agents see labels and the customer's profile, the
 * customer sees neither (nor anything else agents keep among themselves). Every response and event picks the
 * form by who reads it.
 */
public sealed interface ConversationView {

    /**
     * The customer's own view, with the name of the agent who has it and its place in the queue (null unless
     * queued; events leave it out, {@code queue} events carry it).
     */
    static ForCustomer forCustomer(Conversation c, String assigneeName, Integer queuePosition) {
        return new ForCustomer(c.id(), c.customerId(), c.customerName(), c.topic(), c.status(), c.assigneeId(),
                assigneeName, c.createdAt(), c.updatedAt(), c.botMisses(), c.customerReadUpTo(), c.agentReadUpTo(),
                c.profile().locale(), c.profile().email(), c.profile().followUp(), c.rating(), queuePosition,
                c.inboxId());
    }

    /** The agents' view, as events carry it. */
    static ForAgents forAgents(Conversation c) {
        return forAgents(c, null);
    }

    /** The agents' view, with its place in the queue (null unless queued). */
    static ForAgents forAgents(Conversation c, Integer queuePosition) {
        CustomerProfile p = c.profile();
        return new ForAgents(c.id(), c.customerId(), c.customerName(), c.topic(), c.status(), c.assigneeId(),
                c.createdAt(), c.updatedAt(), c.botMisses(), c.customerReadUpTo(), c.agentReadUpTo(), c.labels(),
                new Customer(c.customerId(), c.customerName(), p.email(), p.locale(), p.page(), p.userAgent(),
                        p.identifier(), p.verified()),
                c.profile().followUp(), c.rating(), queuePosition, c.inboxId());
    }

    /** The customer's view: the conversation's state, nothing about how agents file it. */
    record ForCustomer(String id, String customerId, String customerName, String topic, ConversationStatus status,
                       String assigneeId, String assigneeName, Instant createdAt, Instant updatedAt, int botMisses,
                       long customerReadUpTo, long agentReadUpTo, String locale, String email,
                       String followUp, Rating rating, Integer queuePosition, String inboxId)
            implements ConversationView {
    }

    /** The agents' view: the state, the labels and who the customer is (but not the client address). */
    record ForAgents(String id, String customerId, String customerName, String topic, ConversationStatus status,
                     String assigneeId, Instant createdAt, Instant updatedAt, int botMisses, long customerReadUpTo,
                     long agentReadUpTo, List<String> labels, Customer customer, String followUp, Rating rating,
                     Integer queuePosition, String inboxId) implements ConversationView {
    }

    /**
     * The customer as the agents' sidebar shows them.
     *
     * @param identifier the website's identifier of the customer, or null for an anonymous one
     * @param verified   whether the website proved it: only then do other conversations of it belong to the same person
     */
    record Customer(String id, String name, String email, String locale, String page, String userAgent,
                    String identifier, boolean verified) {
    }

    /**
     * A row of an agent's list: the conversation and what the row shows about its messages.
     *
     * @param unread       the customer's messages after the agents' read mark
     * @param lastMessage  the newest message, or null
     * @param waitingSince when the customer's oldest unanswered message was sent, or null when none waits
     */
    record Listed(@JsonUnwrapped ForAgents conversation, int unread, Summary.LastMessage lastMessage,
                  Instant waitingSince) {
    }
}
