package dev.livedesk.chat;

import dev.livedesk.error.DeskException;

import java.util.Optional;

/**
 * The rules of the conversation lifecycle: BOT → QUEUED → ASSIGNED → RESOLVED, and back to QUEUED when a customer
 * writes again. Each rule looks at the conversation as stored and says where it goes, or empty when the request
 * changes nothing; it refuses with a {@link DeskException} what may not happen at all.
 */
public final class Lifecycle {

    /**
     * Where a conversation goes, with the change named in its event and the notice its customer sees, in the
     * customer's language.
     */
    public record Transition(ConversationStatus to, String assigneeId, String change, String notice) {
    }

    private Lifecycle() {
    }

    /** Who asks for an assignment: the agent, and whether they are a supervisor. */
    public record Assigner(String agentId, boolean supervisor) {
    }

    /**
     * Gives the conversation to an agent. A claim (an agent takes it, naming nobody) takes a conversation from the
     * assistant or the queue but never from a colleague, so two agents claiming at once cannot both win. A transfer
     * (the request names the agent) may be made by anyone while nobody has the conversation, by the agent who has
     * it, or by a supervisor, who may move any conversation. Assigning it to the agent who has it already changes
     * nothing.
     *
     * @throws DeskException CONFLICT when the conversation is resolved, or a claim meets a colleague's conversation;
     *                       FORBIDDEN when an agent who is not a supervisor transfers a colleague's conversation
     */
    public static Optional<Transition> assign(Conversation current, String agentId, String agentName, Assigner by,
                                              boolean claim) {
        if (current.status() == ConversationStatus.RESOLVED) {
            throw DeskException.conflict("conversation-resolved", "A resolved conversation cannot be assigned");
        }
        if (current.isOpenFor(agentId)) {
            return Optional.empty();
        }
        if (current.status() == ConversationStatus.ASSIGNED && !current.isOpenFor(by.agentId())) {
            if (claim) {
                throw DeskException.conflict("already-assigned",
                        "Another agent has this conversation; ask them or a supervisor to transfer it");
            }
            if (!by.supervisor()) {
                throw DeskException.forbidden("Only the agent who has this conversation or a supervisor may transfer it");
            }
        }
        return Optional.of(joined(current, agentId, agentName));
    }

    /**
     * An agent's reply takes a conversation nobody has yet (with the assistant or in the queue); one a colleague has,
     * or a resolved one, stays as it is (covering for a colleague does not move their conversation).
     */
    public static Optional<Transition> takeByReply(Conversation current, String agentId, String agentName) {
        boolean unowned = current.status() == ConversationStatus.BOT || current.status() == ConversationStatus.QUEUED;
        return unowned ? Optional.of(joined(current, agentId, agentName)) : Optional.empty();
    }

    /** What auto-assignment does: assigns only a conversation that is still queued. */
    public static Optional<Transition> assignIfQueued(Conversation current, String agentId, String agentName) {
        return current.status() == ConversationStatus.QUEUED ? Optional.of(joined(current, agentId, agentName))
                : Optional.empty();
    }

    /** Closes the conversation; a resolved one stays as it is. */
    public static Optional<Transition> resolve(Conversation current) {
        return current.status() == ConversationStatus.RESOLVED ? Optional.empty()
                : Optional.of(new Transition(ConversationStatus.RESOLVED, null, ConversationEvent.RESOLVED,
                        Notice.RESOLVED.text(current)));
    }

    /** Hands a conversation from the assistant to the queue; in any other state nothing changes. */
    public static Optional<Transition> handOff(Conversation current) {
        return current.status() != ConversationStatus.BOT ? Optional.empty()
                : Optional.of(new Transition(ConversationStatus.QUEUED, null, ConversationEvent.QUEUED,
                        Notice.CONNECTING.text(current)));
    }

    /** Queues a resolved conversation again because its customer wrote; in any other state nothing changes. */
    public static Optional<Transition> reopen(Conversation current) {
        return current.status() != ConversationStatus.RESOLVED ? Optional.empty()
                : Optional.of(new Transition(ConversationStatus.QUEUED, null, ConversationEvent.REOPENED,
                        Notice.CONNECTING.text(current)));
    }

    /** An agent reopens a resolved conversation to write in it again: it becomes theirs. */
    public static Optional<Transition> reopenBy(Conversation current, String agentId, String agentName) {
        return current.status() != ConversationStatus.RESOLVED ? Optional.empty()
                : Optional.of(new Transition(ConversationStatus.ASSIGNED, agentId, ConversationEvent.REOPENED,
                        Notice.REOPENED.text(current, agentName)));
    }

    private static Transition joined(Conversation current, String agentId, String agentName) {
        return new Transition(ConversationStatus.ASSIGNED, agentId, ConversationEvent.ASSIGNED,
                Notice.JOINED.text(current, agentName));
    }
}
