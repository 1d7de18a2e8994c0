package dev.livedesk.chat.service;

import dev.livedesk.chat.AgentAvailability;
import dev.livedesk.chat.Change;
import dev.livedesk.chat.Changed;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationEvent;
import dev.livedesk.chat.ConversationMoved;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.ConversationStore;
import dev.livedesk.chat.CustomerProfile;
import dev.livedesk.chat.Lifecycle;
import dev.livedesk.chat.Message;
import dev.livedesk.chat.Notice;
import dev.livedesk.chat.Sender;
import dev.livedesk.chat.UnknownConversationException;
import dev.livedesk.auth.AgentAccount;
import dev.livedesk.auth.AgentDirectory;
import dev.livedesk.auth.Caller;
import dev.livedesk.auth.InboxMemberships;
import dev.livedesk.chat.Change.Emit;
import dev.livedesk.chat.Lifecycle.Transition;
import dev.livedesk.error.DeskException;
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

    private final ConversationStore store;
    private final ChatEvents events;
    private final Event<ConversationMoved> moved;
    private final AgentDirectory agents;
    private final AgentAvailability availability;
    private final InboxMemberships memberships;
    private final Clock clock;

    public LifecycleService(ConversationStore store, ChatEvents events, Event<ConversationMoved> moved,
                            AgentDirectory agents, AgentAvailability availability, InboxMemberships memberships,
                            Clock clock) {
        this.memberships = memberships;
        this.clock = clock;
        this.store = store;
        this.events = events;
        this.moved = moved;
        this.agents = agents;
        this.availability = availability;
    }

    /**
     * What an agent's {@code assign} asks for: without {@code agentId} a claim by the caller, with one a transfer to
     * that agent (see {@link Lifecycle#assign}). Nobody is handed a conversation while OFFLINE (AWAY is fine: the
     * colleague is there, just not taking new work by routing), nor given a conversation of an inbox they do not
     * belong to.
     *
     * @throws DeskException NOT_FOUND for an unknown conversation, INVALID {@code unknown-agent}, CONFLICT
     *                       {@code agent-offline} or {@code not-in-inbox}, and what {@link #assign} throws
     */
    public Conversation assignFor(Caller caller, String conversationId, String agentId) {
        Conversation conversation = store.conversation(conversationId)
                .orElseThrow(() -> new UnknownConversationException(conversationId));
        boolean claim = agentId == null;
        String target = claim ? caller.id() : agentId;
        AgentAccount agent = agents.find(target)
                .orElseThrow(() -> DeskException.invalid("unknown-agent", "No agent " + target));
        if (!claim && !memberships.isMember(target, conversation.inboxId())) {
            throw DeskException.conflict("not-in-inbox",
                    agent.displayName() + " does not belong to this conversation's inbox");
        }
        if (!target.equals(caller.id()) && availability.isOffline(target)) {
            throw DeskException.conflict("agent-offline", agent.displayName() + " is offline");
        }
        return assign(conversationId, agent, new Lifecycle.Assigner(caller.id(), caller.isSupervisor()), claim);
    }

    /** An agent reopens a resolved conversation and takes it; nothing changes in any other state. */
    public Conversation reopenFor(Caller caller, String conversationId) {
        existing(conversationId);
        AgentAccount agent = agents.find(caller.id())
                .orElseThrow(() -> DeskException.forbidden("No agent " + caller.id()));
        return reopenBy(conversationId, agent);
    }

    private void existing(String conversationId) {
        if (store.conversation(conversationId).isEmpty()) {
            throw new UnknownConversationException(conversationId);
        }
    }

    /**
     * Gives the conversation to an agent: a claim when {@code claim}, else a transfer (see {@link Lifecycle#assign}).
     *
     * @throws DeskException CONFLICT when the conversation is resolved, or claimed by another agent already;
     *                       FORBIDDEN when an agent who is not a supervisor transfers a colleague's conversation
     */
    public Conversation assign(String conversationId, AgentAccount agent, Lifecycle.Assigner by, boolean claim) {
        return transition(conversationId, current -> Lifecycle.assign(current, agent.id(), agent.displayName(), by,
                claim));
    }

    /**
     * The replying agent takes the conversation if nobody has it yet (see {@link Lifecycle#takeByReply}); an unknown
     * agent account (a token of an agent since removed) takes nothing.
     */
    public void takeByReply(Caller agent, String conversationId) {
        agents.find(agent.id()).ifPresent(account -> apply(conversationId,
                current -> Lifecycle.takeByReply(current, account.id(), account.displayName())));
    }

    /** Assigns only if the conversation is still queued: what auto-assignment does. Returns whether it did. */
    public boolean assignIfQueued(String conversationId, AgentAccount agent) {
        return apply(conversationId, current -> Lifecycle.assignIfQueued(current, agent.id(), agent.displayName()))
                .moved();
    }

    /** Closes the conversation; resolving a resolved conversation changes nothing. */
    public Conversation resolve(String conversationId) {
        return transition(conversationId, Lifecycle::resolve);
    }

    /** Hands a conversation from the assistant to the queue; does nothing in any other state. */
    public Conversation handOff(String conversationId) {
        return transition(conversationId, Lifecycle::handOff);
    }

    /** Queues a resolved conversation again because its customer wrote; does nothing in any other state. */
    public Conversation reopen(String conversationId) {
        return transition(conversationId, Lifecycle::reopen);
    }

    /** An agent reopens a resolved conversation and takes it; does nothing in any other state. */
    public Conversation reopenBy(String conversationId, AgentAccount agent) {
        return transition(conversationId, current -> Lifecycle.reopenBy(current, agent.id(), agent.displayName()));
    }

    /**
     * The customer left an email to be answered at (typically while the desk is closed): it is kept, the
     * conversation is flagged for follow-up by email and waits in the queue (a conversation with the assistant moves
     * there), and the customer is told in a system message.
     */
    public Conversation followUp(String conversationId, String email) {
        return decide(conversationId, current -> {
            if (CustomerProfile.BY_EMAIL.equals(current.profile().followUp())
                    && email.equalsIgnoreCase(current.profile().email())) {
                return Optional.empty();
            }
            Conversation updated = current.withProfile(current.profile().followUpAt(email), clock.instant());
            boolean queue = current.status() == ConversationStatus.BOT;
            if (queue) {
                updated = updated.moveTo(ConversationStatus.QUEUED, null, clock.instant());
            }
            return Optional.of(announced(updated, queue ? ConversationEvent.QUEUED : ConversationEvent.CONTACT,
                    Notice.FOLLOW_UP.text(current, email)));
        }).now();
    }

    private Conversation transition(String conversationId, Function<Conversation, Optional<Transition>> rule) {
        return apply(conversationId, rule).now();
    }

    private Outcome apply(String conversationId, Function<Conversation, Optional<Transition>> rule) {
        return decide(conversationId, current -> rule.apply(current).map(transition -> change(current, transition)));
    }

    /** The conversation as stored after a decision, and whether the decision moved it (see {@link #decide}). */
    private record Outcome(Conversation now, boolean moved) {
    }

    /**
     * Applies a decision in one atomic store change; observers are told when it moved the conversation (changed its
     * state or assignee). Before and after are what the decision saw under the store's lock and what the store kept
     * of its change: a read afterwards cost a round trip per transition and could see a later change.
     */
    private Outcome decide(String conversationId, Function<Conversation, Optional<Change>> decision) {
        Changed changed = store.change(conversationId, decision);
        // the store's before and after, not a read afterwards: that would cost a round trip and could see a later change
        if (changed.moved()) {
            moved.fire(new ConversationMoved(changed.before(), changed.after()));
        }
        return new Outcome(changed.after(), changed.moved());
    }

    private Change change(Conversation current, Transition transition) {
        return announced(current.moveTo(transition.to(), transition.assigneeId(), clock.instant()), transition.change(),
                transition.notice());
    }

    /** The change to {@code updated}, announced with its conversation events and a system message. */
    private Change announced(Conversation updated, String change, String notice) {
        Message system = new Message(UUID.randomUUID().toString(), updated.id(), Sender.system(), notice,
                clock.instant(), null);
        List<Emit> emits = new ArrayList<>();
        events.conversation(change, updated).forEach(event -> emits.add(Emit.event(event)));
        emits.add(new Emit(events.message(system), system));
        return new Change(updated, emits);
    }
}
