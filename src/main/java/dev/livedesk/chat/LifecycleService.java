package dev.livedesk.chat;

import dev.livedesk.auth.AgentAccount;
import dev.livedesk.store.ChatStore;
import dev.livedesk.store.Change;
import dev.livedesk.store.Change.Emit;
import dev.livedesk.store.StoredEvent;
import dev.livedesk.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The conversation lifecycle: BOT → QUEUED → ASSIGNED → RESOLVED, and back to QUEUED when a customer writes
 * again. Each transition is one atomic store change that checks the state it starts from, so two agents claiming
 * at once cannot both win; it emits a {@code conversation} event and, where the customer should see it, a system
 * message. Every change is announced with a {@link ConversationMoved} CDI event, which routing listens to.
 */
@ApplicationScoped
public class LifecycleService {

    private final ChatStore store;
    private final ChatEvents events;
    private final Event<ConversationMoved> moved;
    private final Clock clock = Clock.systemUTC();

    public LifecycleService(ChatStore store, ChatEvents events, Event<ConversationMoved> moved) {
        this.store = store;
        this.events = events;
        this.moved = moved;
    }

    /**
     * Gives the conversation to an agent. When {@code byAgentId} is the agent itself it is a claim, which takes a
     * conversation from the assistant or the queue but never from a colleague; naming another agent is a transfer,
     * which any agent may make. Assigning it to the agent who has it already changes nothing.
     *
     * @throws ApiException 409 when the conversation is resolved, or claimed by another agent already
     */
    public Conversation assign(String conversationId, AgentAccount agent, String byAgentId) {
        return transition(conversationId, current -> {
            if (current.status() == ConversationStatus.RESOLVED) {
                throw ApiException.conflict("conversation-resolved", "A resolved conversation cannot be assigned");
            }
            if (current.isOpenFor(agent.id())) {
                return Optional.empty();
            }
            if (agent.id().equals(byAgentId) && current.status() == ConversationStatus.ASSIGNED) {
                throw ApiException.conflict("already-assigned",
                        "Another agent has this conversation; ask them to transfer it");
            }
            return Optional.of(move(current, ConversationStatus.ASSIGNED, agent.id(), ConversationEvent.ASSIGNED,
                    agent.displayName() + " joined the conversation"));
        });
    }

    /** Assigns only if the conversation is still queued: what auto-assignment does. Returns whether it did. */
    public boolean assignIfQueued(String conversationId, AgentAccount agent) {
        Conversation[] before = new Conversation[1];
        List<StoredEvent> stored = store.change(conversationId, current -> {
            before[0] = current;
            return current.status() != ConversationStatus.QUEUED
                    ? Optional.empty()
                    : Optional.of(move(current, ConversationStatus.ASSIGNED, agent.id(), ConversationEvent.ASSIGNED,
                            agent.displayName() + " joined the conversation"));
        });
        announce(before[0], stored);
        return !stored.isEmpty();
    }

    /** Closes the conversation; resolving a resolved conversation changes nothing. */
    public Conversation resolve(String conversationId) {
        return transition(conversationId, current -> current.status() == ConversationStatus.RESOLVED
                ? Optional.empty()
                : Optional.of(move(current, ConversationStatus.RESOLVED, null, ConversationEvent.RESOLVED,
                        "Conversation resolved")));
    }

    /** Hands a conversation from the assistant to the queue; does nothing in any other state. */
    public Conversation handOff(String conversationId) {
        return transition(conversationId, current -> current.status() != ConversationStatus.BOT
                ? Optional.empty()
                : Optional.of(move(current, ConversationStatus.QUEUED, null, ConversationEvent.QUEUED,
                        "Connecting you to an agent…")));
    }

    /** Queues a resolved conversation again because its customer wrote; does nothing in any other state. */
    public Conversation reopen(String conversationId) {
        return transition(conversationId, current -> current.status() != ConversationStatus.RESOLVED
                ? Optional.empty()
                : Optional.of(move(current, ConversationStatus.QUEUED, null, ConversationEvent.REOPENED,
                        "Connecting you to an agent…")));
    }

    private Conversation transition(String conversationId, Function<Conversation, Optional<Change>> decide) {
        Conversation[] before = new Conversation[1];
        List<StoredEvent> stored = store.change(conversationId, current -> {
            before[0] = current;
            return decide.apply(current);
        });
        announce(before[0], stored);
        return store.conversation(conversationId).orElseThrow();
    }

    /** Tells observers about a change; {@code before} is what the change decided on, under the store's lock. */
    private void announce(Conversation before, List<StoredEvent> stored) {
        if (!stored.isEmpty()) {
            moved.fire(new ConversationMoved(before, store.conversation(before.id()).orElseThrow()));
        }
    }

    private Change move(Conversation current, ConversationStatus next, String assignee, String change, String notice) {
        Conversation updated = current.moveTo(next, assignee, clock.instant());
        Message system = new Message(UUID.randomUUID().toString(), current.id(), Sender.system(), notice,
                clock.instant(), null);
        List<Emit> emits = new ArrayList<>();
        emits.add(Emit.event(events.conversation(change, updated)));
        emits.add(new Emit(events.message(system), system));
        return new Change(updated, emits);
    }
}
