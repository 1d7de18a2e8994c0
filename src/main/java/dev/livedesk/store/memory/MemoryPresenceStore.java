package dev.livedesk.store.memory;

import dev.livedesk.agent.AgentChange;
import dev.livedesk.agent.AgentPresence;
import dev.livedesk.agent.PresenceStore;
import dev.livedesk.event.EventDraft;
import dev.livedesk.event.StoredEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Presence on the heap. One process is the whole cluster here, so its own connection count is the truth, no lease
 * applies and {@link #agentsIdleFor} is always empty: the presence service's own timers see every disconnect.
 */
public final class MemoryPresenceStore implements PresenceStore {

    private final MemoryEventLog log;
    private final MemoryConversationStore conversations;
    private final Map<String, AgentPresence> agents = new TreeMap<>();

    public MemoryPresenceStore(MemoryEventLog log, MemoryConversationStore conversations) {
        this.log = log;
        this.conversations = conversations;
    }

    @Override
    public AgentPresence agent(String agentId) {
        synchronized (log.lock()) {
            return agents.getOrDefault(agentId, AgentPresence.unknown(agentId));
        }
    }

    @Override
    public List<AgentPresence> agents() {
        synchronized (log.lock()) {
            return List.copyOf(agents.values());
        }
    }

    @Override
    public List<StoredEvent> changeAgent(String agentId, Function<AgentPresence, Optional<AgentChange>> decide) {
        synchronized (log.lock()) {
            AgentPresence current = agent(agentId);
            Optional<AgentChange> change = decide.apply(current);
            if (change.isEmpty()) {
                return List.of();
            }
            for (EventDraft event : change.get().events()) {
                if (event.conversationId() != null && !conversations.exists(event.conversationId())) {
                    throw new IllegalArgumentException("unknown conversation: " + event.conversationId());
                }
            }
            AgentPresence next = change.get().presence();
            agents.put(agentId, new AgentPresence(agentId, next.status(), next.restoreStatus(), current.connections()));
            List<StoredEvent> stored = new ArrayList<>();
            for (EventDraft event : change.get().events()) {
                stored.add(log.append(event));
            }
            return stored;
        }
    }

    @Override
    public void recordConnections(String agentId, int onThisProcess) {
        synchronized (log.lock()) {
            AgentPresence current = agent(agentId);
            agents.put(agentId, new AgentPresence(agentId, current.status(), current.restoreStatus(), onThisProcess));
        }
    }

    @Override
    public List<String> agentsIdleFor(Duration grace) {
        return List.of();
    }
}
