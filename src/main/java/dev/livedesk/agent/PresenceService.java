package dev.livedesk.agent;

import dev.livedesk.Threads;
import dev.livedesk.auth.AgentAccount;
import dev.livedesk.auth.AgentDirectory;
import dev.livedesk.chat.ChatEvents;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.store.ChatStore;
import dev.livedesk.store.Change;
import dev.livedesk.store.EventDraft;
import dev.livedesk.store.EventTypes;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Who is available. Agents set their status; presence also follows their agents-stream connections: with none
 * open for {@code livedesk.presence.grace} an agent becomes OFFLINE, and the status it had comes back when it
 * connects again. Every change is a durable {@code agent-status} event on the agents' stream, with a copy on each
 * conversation the agent holds, so its customers see it too.
 */
@ApplicationScoped
public class PresenceService {

    private final AgentDirectory directory;
    private final ChatStore store;
    private final ChatEvents events;
    private final Event<PresenceChanged> changed;
    private final Duration grace;
    private final Map<String, Presence> presence = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Threads.scheduler("livedesk-presence");

    public PresenceService(AgentDirectory directory, ChatStore store, ChatEvents events, Event<PresenceChanged> changed,
                           LiveDeskConfig config) {
        this.directory = directory;
        this.store = store;
        this.events = events;
        this.changed = changed;
        this.grace = config.presence().grace();
    }

    /** One agent's state; guarded by its own monitor. */
    private static final class Presence {
        private AgentStatus status = AgentStatus.OFFLINE;
        /** The status to restore when a connection comes back after the grace period set the agent OFFLINE. */
        private AgentStatus beforeTimeout;
        private int connections;
        private ScheduledFuture<?> timeout;
    }

    public AgentStatus status(String agentId) {
        Presence state = presence.get(agentId);
        if (state == null) {
            return AgentStatus.OFFLINE;
        }
        synchronized (state) {
            return state.status;
        }
    }

    /** The agents that are ONLINE now. */
    public List<AgentAccount> online() {
        return directory.all().stream().filter(agent -> status(agent.id()) == AgentStatus.ONLINE).toList();
    }

    /** Sets an agent's status by its own choice. */
    public void set(AgentAccount agent, AgentStatus status) {
        Presence state = state(agent.id());
        boolean change;
        synchronized (state) {
            change = state.status != status;
            state.status = status;
            state.beforeTimeout = null;
            if (change) {
                publish(agent, status);
            }
        }
        if (change) {
            changed.fire(new PresenceChanged(agent.id(), status));
        }
    }

    /** An agents-stream connection of this agent opened. */
    public void connected(AgentAccount agent) {
        Presence state = state(agent.id());
        AgentStatus restored = null;
        synchronized (state) {
            state.connections++;
            if (state.timeout != null) {
                state.timeout.cancel(false);
                state.timeout = null;
            }
            if (state.beforeTimeout != null) {
                restored = state.beforeTimeout;
                state.status = restored;
                state.beforeTimeout = null;
                publish(agent, restored);
            }
        }
        if (restored != null) {
            changed.fire(new PresenceChanged(agent.id(), restored));
        }
    }

    /** An agents-stream connection of this agent closed; the last one starts the grace period. */
    public void disconnected(AgentAccount agent) {
        Presence state = state(agent.id());
        synchronized (state) {
            state.connections = Math.max(0, state.connections - 1);
            if (state.connections == 0 && state.timeout == null) {
                state.timeout = timers.schedule(() -> expire(agent), grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void expire(AgentAccount agent) {
        Presence state = state(agent.id());
        synchronized (state) {
            state.timeout = null;
            if (state.connections > 0 || state.status == AgentStatus.OFFLINE) {
                return;
            }
            state.beforeTimeout = state.status;
            state.status = AgentStatus.OFFLINE;
            publish(agent, AgentStatus.OFFLINE);
        }
        changed.fire(new PresenceChanged(agent.id(), AgentStatus.OFFLINE));
    }

    private Presence state(String agentId) {
        return presence.computeIfAbsent(agentId, id -> new Presence());
    }

    /**
     * Stores the agent-status events. Callers hold the agent's monitor, so events are stored in the order the
     * status changed; observers are told afterwards, outside it, because routing reads other agents' status.
     */
    private void publish(AgentAccount agent, AgentStatus status) {
        List<Conversation> open = store.conversations(ConversationStatus.ASSIGNED, agent.id());
        String data = events.encode(new AgentStatusEvent(agent.id(), agent.displayName(), status, open.size()));
        store.appendGlobal(new EventDraft(EventTypes.AGENT_STATUS, null, data));
        for (Conversation conversation : open) {
            EventDraft copy = new EventDraft(EventTypes.AGENT_STATUS, conversation.id(), data, false);
            store.change(conversation.id(), current -> Optional.of(new Change(current, List.of(Change.Emit.event(copy)))));
        }
    }

    @PreDestroy
    void stop() {
        timers.shutdownNow();
    }
}
