package dev.livedesk.agent;

import dev.livedesk.Threads;
import dev.livedesk.auth.AgentAccount;
import dev.livedesk.auth.AgentDirectory;
import dev.livedesk.chat.AgentAvailability;
import dev.livedesk.chat.service.ChatEvents;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.ConversationStore;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.event.Audience;
import dev.livedesk.event.EventDraft;
import dev.livedesk.event.EventTypes;
import dev.livedesk.event.StoreUnavailableException;
import dev.livedesk.event.StoredEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Who is available. Agents set their status; presence also follows their agents-stream connections on every
 * replica: with none open anywhere for {@code livedesk.presence.grace} an agent becomes OFFLINE, and the status it
 * had comes back when it connects again. Every change is a durable {@code agent-status} event on the agents'
 * stream, with a copy on each conversation the agent holds, so its customers see it too.
 *
 * <p>The status lives in the store, so every replica sees the same; each replica counts its own connections into
 * the store and times the grace period of the connections it saw close. A sweep finds agents whose last connection
 * was on a replica that stopped without closing it.
 */
@ApplicationScoped
public class PresenceService implements AgentAvailability {

    private static final Logger LOG = Logger.getLogger(PresenceService.class);

    private final AgentDirectory directory;
    private final PresenceStore store;
    private final ConversationStore conversations;
    private final ChatEvents events;
    private final Event<PresenceChanged> changed;
    private final Duration grace;
    private final Map<String, Local> local = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Threads.scheduler("livedesk-presence");

    public PresenceService(AgentDirectory directory, PresenceStore store, ConversationStore conversations,
                           ChatEvents events, Event<PresenceChanged> changed, LiveDeskConfig config) {
        this.directory = directory;
        this.store = store;
        this.conversations = conversations;
        this.events = events;
        this.changed = changed;
        this.grace = config.presence().grace();
        long sweep = Math.max(1000, grace.toMillis());
        timers.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    /** This replica's connections of one agent; guarded by its own monitor, which also orders their recording. */
    private static final class Local {
        private int connections;
        private ScheduledFuture<?> timeout;
    }

    public AgentStatus status(String agentId) {
        return store.agent(agentId).status();
    }

    @Override
    public boolean isOffline(String agentId) {
        return status(agentId) == AgentStatus.OFFLINE;
    }

    /** The configured agents who are ONLINE or AWAY now, on any replica, by id. */
    public Set<String> atTheDeskIds() {
        Set<String> known = directory.all().stream().map(AgentAccount::id).collect(Collectors.toSet());
        return store.agents().stream().filter(agent -> agent.status() != AgentStatus.OFFLINE)
                .map(AgentPresence::agentId).filter(known::contains).collect(Collectors.toSet());
    }

    /** The agents that are ONLINE now, on any replica. */
    public List<AgentAccount> online() {
        Set<String> online = store.agents().stream().filter(agent -> agent.status() == AgentStatus.ONLINE)
                .map(AgentPresence::agentId).collect(Collectors.toSet());
        return directory.all().stream().filter(agent -> online.contains(agent.id())).toList();
    }

    /**
     * Sets an agent's status by its own choice. Going OFFLINE ends a grace period under way: left running, it would
     * take the agent OFFLINE again later, after a choice made since (ONLINE without a console) that it knows nothing of.
     */
    public void set(AgentAccount agent, AgentStatus status) {
        change(agent, current -> PresenceRules.chosen(current, status));
        if (status == AgentStatus.OFFLINE) {
            Local state = local(agent.id());
            synchronized (state) {
                if (state.timeout != null) {
                    state.timeout.cancel(false);
                    state.timeout = null;
                }
            }
        }
    }

    /** An agents-stream connection of this agent opened on this replica. Call it on a worker thread. */
    public void connected(AgentAccount agent) {
        Local state = local(agent.id());
        synchronized (state) {
            state.connections++;
            if (state.timeout != null) {
                state.timeout.cancel(false);
                state.timeout = null;
            }
            store.recordConnections(agent.id(), state.connections);
        }
        change(agent, PresenceRules::reconnected);
    }

    /**
     * An agents-stream connection of this agent closed; when it was the last one anywhere, the grace period
     * starts. Safe to call from any thread: the store is written on this service's own thread.
     */
    public void disconnected(AgentAccount agent) {
        timers.execute(() -> {
            Local state = local(agent.id());
            synchronized (state) {
                state.connections = Math.max(0, state.connections - 1);
                store.recordConnections(agent.id(), state.connections);
                if (state.connections == 0 && state.timeout == null && !isOffline(agent.id())) {
                    state.timeout = timers.schedule(() -> expire(agent), grace.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        });
    }

    private void expire(AgentAccount agent) {
        Local state = local(agent.id());
        synchronized (state) {
            state.timeout = null;
            if (state.connections > 0) {
                return;
            }
        }
        change(agent, PresenceRules::graceExpired);
    }

    /** Expires agents whose connections were on a replica that went away without closing them. */
    private void sweep() {
        try {
            for (String agentId : store.agentsIdleFor(grace)) {
                directory.find(agentId).ifPresent(this::expire);
            }
        } catch (StoreUnavailableException e) {
            LOG.debugf("Presence sweep skipped: %s", e.getMessage());
        }
    }

    private Local local(String agentId) {
        return local.computeIfAbsent(agentId, id -> new Local());
    }

    /**
     * Stores the presence {@code decide} returns (empty for no change) together with its agent-status events, in
     * one atomic step of the store, then tells observers, which may read other agents' status.
     */
    private void change(AgentAccount agent, Function<AgentPresence, Optional<AgentPresence>> decide) {
        List<Conversation> open = conversations.conversations(ConversationStatus.ASSIGNED, agent.id());
        List<AgentStatus> became = new ArrayList<>(1);
        List<StoredEvent> stored = store.changeAgent(agent.id(), current -> {
            Optional<AgentPresence> decided = decide.apply(current);
            if (decided.isEmpty()) {
                return Optional.empty();
            }
            AgentPresence next = decided.get();
            if (next.status() == current.status()) {
                return Optional.of(new AgentChange(next, List.of()));
            }
            became.add(next.status());
            return Optional.of(new AgentChange(next, drafts(agent, next.status(), open)));
        });
        if (!stored.isEmpty()) {
            changed.fire(new PresenceChanged(agent.id(), became.get(became.size() - 1)));
        }
    }

    private List<EventDraft> drafts(AgentAccount agent, AgentStatus status, List<Conversation> open) {
        String data = events.encode(new AgentStatusEvent(agent.id(), agent.displayName(), status, open.size()));
        List<EventDraft> drafts = new ArrayList<>(open.size() + 1);
        drafts.add(new EventDraft(EventTypes.AGENT_STATUS, null, data));
        for (Conversation conversation : open) {
            drafts.add(new EventDraft(EventTypes.AGENT_STATUS, conversation.id(), data, Audience.CONVERSATION));
        }
        return drafts;
    }

    @PreDestroy
    void stop() {
        timers.shutdownNow();
    }
}
