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

    /**
     * Gives the conversation to an agent. A claim (the agent asks for itself) takes a conversation from the assistant
     * or the queue but never from a colleague; a transfer (someone else names the agent) may. Assigning it to the
     * agent who has it already changes nothing.
     *
     * @throws DeskException CONFLICT when the conversation is resolved, or a claim meets a colleague's conversation
     */
    public static Optional<Transition> assign(Conversation current, String agentId, String agentName, boolean claim) {
        if (current.status() == ConversationStatus.RESOLVED) {
            throw DeskException.conflict("conversation-resolved", "A resolved conversation cannot be assigned");
        }
        if (current.isOpenFor(agentId)) {
            return Optional.empty();
        }
        if (claim && current.status() == ConversationStatus.ASSIGNED) {
            throw DeskException.conflict("already-assigned",
                    "Another agent has this conversation; ask them to transfer it");
        }
        return Optional.of(joined(current, agentId, agentName));
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
