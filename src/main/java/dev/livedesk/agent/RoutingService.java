package dev.livedesk.agent;

import dev.livedesk.auth.AgentAccount;
import dev.livedesk.chat.ConversationMoved;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.ConversationStore;
import dev.livedesk.chat.service.LifecycleService;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.event.ClusterLock;
import dev.livedesk.inbox.Inbox;
import dev.livedesk.inbox.InboxService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Auto-assignment: queued conversations, first come first served, go to the ONLINE agent with the fewest open
 * conversations below {@code livedesk.routing.max-chats-per-agent}; among equally busy agents, the one who got a
 * conversation least recently, among the agents who belong to the conversation's inbox. It runs whenever a
 * conversation moves or an agent's status changes. A conversation whose inbox has nobody online with room waits
 * without holding up the conversations behind it.
 *
 * <p>One pass at a time in this replica: a request for a pass while one runs is remembered and served by the
 * running pass, so nothing waits and nothing is missed. Across replicas, passes take turns under the store's
 * exclusive section, so two replicas never fill the same agent past capacity; the store's state check makes a
 * double assignment impossible even so. The tie-break (least recently assigned) is remembered per replica.
 */
@ApplicationScoped
public class RoutingService {

    private final ConversationStore store;
    private final ClusterLock clusterLock;
    private final LifecycleService lifecycle;
    private final PresenceService presence;
    private final InboxService inboxes;
    private final boolean autoAssign;
    private final int maxChats;
    private final ReentrantLock pass = new ReentrantLock();
    private final AtomicBoolean requested = new AtomicBoolean();
    private final Map<String, Long> lastAssigned = new HashMap<>();
    private final AtomicLong assignments = new AtomicLong();

    public RoutingService(ConversationStore store, ClusterLock clusterLock, LifecycleService lifecycle,
                          PresenceService presence, InboxService inboxes, LiveDeskConfig config) {
        this.inboxes = inboxes;
        this.store = store;
        this.clusterLock = clusterLock;
        this.lifecycle = lifecycle;
        this.presence = presence;
        this.autoAssign = config.routing().autoAssign();
        this.maxChats = config.routing().maxChatsPerAgent();
    }

    void onConversationMoved(@Observes ConversationMoved moved) {
        if (moved.conversation().status() != ConversationStatus.BOT) {
            route();
        }
    }

    void onPresenceChanged(@Observes PresenceChanged changed) {
        route();
    }

    /** Assigns what can be assigned now. */
    public void route() {
        if (!autoAssign) {
            return;
        }
        requested.set(true);
        while (requested.get() && !pass.isHeldByCurrentThread() && pass.tryLock()) {
            try {
                requested.set(false);
                clusterLock.exclusively("routing", this::assignWhatFits);
            } finally {
                pass.unlock();
            }
        }
    }

    /**
     * The queue is read only when someone online has room: with every agent full, a pass (one per move, and a busy
     * desk moves conversations many times a second) costs the assigned conversations, not the whole queue.
     */
    private void assignWhatFits() {
        Map<String, AgentAccount> online = presence.online().stream()
                .collect(Collectors.toMap(AgentAccount::id, agent -> agent));
        if (online.isEmpty()) {
            return;
        }
        Map<String, Integer> load = new HashMap<>(store.assignedCounts());
        List<String> candidates = List.copyOf(online.keySet());
        if (Routing.pick(candidates, load, lastAssigned, maxChats).isEmpty()) {
            return;
        }
        // Every agent belongs to the default inbox; another inbox's members are read once per pass.
        Map<String, List<String>> eligibleByInbox = new HashMap<>(Map.of(Inbox.DEFAULT_ID, candidates));
        for (ConversationStore.Queued queued : store.queuedWithInboxes()) {
            List<String> eligible = eligibleByInbox.computeIfAbsent(queued.inboxId(), id -> {
                List<String> members = inboxes.members(id);
                return candidates.stream().filter(members::contains).toList();
            });
            Optional<String> agentId = Routing.pick(eligible, load, lastAssigned, maxChats);
            if (agentId.isEmpty()) {
                if (eligible == candidates) {
                    return;
                }
                continue;
            }
            String conversationId = queued.id();
            if (lifecycle.assignIfQueued(conversationId, online.get(agentId.get()))) {
                load.merge(agentId.get(), 1, Integer::sum);
                lastAssigned.put(agentId.get(), assignments.incrementAndGet());
            }
        }
    }
}
