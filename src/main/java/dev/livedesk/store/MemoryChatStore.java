package dev.livedesk.store;

import dev.livedesk.agent.AgentPresence;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.Message;
import dev.livedesk.chat.MessageEntry;
import dev.livedesk.config.LiveDeskConfig;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The in-process store: everything lives on the heap and is gone when the process stops.
 *
 * <p>One lock orders every write, so ids are assigned, stored and handed to listeners in the same order and no
 * reader ever sees a hole. The sequence starts at the start-up time in microseconds, so ids keep rising across
 * restarts and a client that resumes with an id from an earlier run is told its history is gone instead of being
 * silently given the wrong events.
 */
public class MemoryChatStore implements ChatStore {

    private final Object lock = new Object();
    private final int maxEventsPerConversation;
    private final long firstId;
    private final Map<String, ConversationLog> conversations = new LinkedHashMap<>();
    private final NavigableMap<Long, StoredEvent> log = new TreeMap<>();
    private final List<Consumer<StoredEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, AgentPresence> agents = new LinkedHashMap<>();
    private final Map<String, ReentrantLock> exclusive = new HashMap<>();
    private long lastId;
    private long highestEvictedId;

    public MemoryChatStore(LiveDeskConfig config) {
        this.maxEventsPerConversation = config.history().maxEventsPerConversation();
        this.firstId = System.currentTimeMillis() * 1000;
        this.lastId = firstId - 1;
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public StoredEvent createConversation(Conversation conversation, EventDraft created) {
        synchronized (lock) {
            if (conversations.containsKey(conversation.id())) {
                throw new IllegalStateException("conversation exists: " + conversation.id());
            }
            ConversationLog conversationLog = new ConversationLog(conversation);
            conversations.put(conversation.id(), conversationLog);
            return append(created);
        }
    }

    @Override
    public Optional<Conversation> conversation(String id) {
        synchronized (lock) {
            ConversationLog conversationLog = conversations.get(id);
            return Optional.ofNullable(conversationLog).map(c -> c.conversation);
        }
    }

    @Override
    public MessageAppend appendMessage(Message message, EventDraft event) {
        synchronized (lock) {
            ConversationLog conversationLog = existing(message.conversationId());
            if (message.clientMessageId() != null) {
                MessageEntry original = conversationLog.byClientMessageId.get(message.clientMessageId());
                if (original != null) {
                    return new MessageAppend(original, null, conversationLog.conversation);
                }
            }
            StoredEvent stored = append(event);
            MessageEntry entry = new MessageEntry(stored.id(), message);
            conversationLog.messages.add(entry);
            if (message.clientMessageId() != null) {
                conversationLog.byClientMessageId.put(message.clientMessageId(), entry);
            }
            return new MessageAppend(entry, stored, conversationLog.conversation);
        }
    }

    @Override
    public List<StoredEvent> change(String conversationId, Function<Conversation, Optional<Change>> decide) {
        synchronized (lock) {
            ConversationLog conversationLog = existing(conversationId);
            Optional<Change> change = decide.apply(conversationLog.conversation);
            if (change.isEmpty()) {
                return List.of();
            }
            if (!change.get().conversation().id().equals(conversationId)) {
                throw new IllegalArgumentException("a change must keep the conversation's id");
            }
            conversationLog.conversation = change.get().conversation();
            List<StoredEvent> stored = new ArrayList<>();
            for (Change.Emit emit : change.get().emits()) {
                StoredEvent event = append(emit.event());
                if (emit.message() != null) {
                    conversationLog.messages.add(new MessageEntry(event.id(), emit.message()));
                }
                stored.add(event);
            }
            return stored;
        }
    }

    @Override
    public List<Conversation> conversations(ConversationStatus status, String assigneeId) {
        synchronized (lock) {
            List<Conversation> found = new ArrayList<>();
            for (ConversationLog conversationLog : conversations.values()) {
                Conversation conversation = conversationLog.conversation;
                if ((status == null || conversation.status() == status)
                        && (assigneeId == null || assigneeId.equals(conversation.assigneeId()))) {
                    found.add(conversation);
                }
            }
            return found;
        }
    }

    @Override
    public StoredEvent appendGlobal(EventDraft event) {
        if (event.conversationId() != null) {
            throw new IllegalArgumentException("a global event belongs to no conversation");
        }
        synchronized (lock) {
            return append(event);
        }
    }

    @Override
    public List<MessageEntry> messages(String conversationId, long afterEventId, int limit) {
        synchronized (lock) {
            List<MessageEntry> page = new ArrayList<>(Math.min(limit, 64));
            for (MessageEntry entry : existing(conversationId).messages) {
                if (entry.eventId() > afterEventId) {
                    page.add(entry);
                    if (page.size() == limit) {
                        break;
                    }
                }
            }
            return page;
        }
    }

    @Override
    public long lastEventId(String conversationId) {
        synchronized (lock) {
            ConversationLog conversationLog = conversations.get(conversationId);
            return conversationLog == null || conversationLog.events.isEmpty() ? 0 : conversationLog.events.peekLast().id();
        }
    }

    @Override
    public long lastEventId() {
        synchronized (lock) {
            return lastId < firstId ? 0 : lastId;
        }
    }

    @Override
    public Replay replay(StreamKey stream, long afterId, long upToId, int max) {
        synchronized (lock) {
            Iterator<StoredEvent> newestFirst;
            long evictedUpTo;
            if (stream.kind() == StreamKey.Kind.STATUS) {
                return new Replay(List.of(), false);
            }
            if (stream.isAgents()) {
                newestFirst = log.subMap(afterId, false, upToId, true).descendingMap().values().iterator();
                evictedUpTo = highestEvictedId;
            } else {
                ConversationLog conversationLog = conversations.get(stream.conversationId());
                if (conversationLog == null) {
                    return new Replay(List.of(), false);
                }
                newestFirst = conversationLog.events.descendingIterator();
                evictedUpTo = conversationLog.evictedUpTo;
            }
            ArrayDeque<StoredEvent> window = new ArrayDeque<>();
            boolean cut = false;
            while (newestFirst.hasNext()) {
                StoredEvent event = newestFirst.next();
                if (event.id() <= afterId) {
                    break;
                }
                if (event.id() <= upToId && stream.carries(event)) {
                    if (window.size() == max) {
                        cut = true;
                        break;
                    }
                    window.addFirst(event);
                }
            }
            boolean fromEarlierRun = afterId > 0 && afterId < firstId - 1;
            boolean evicted = evictedUpTo > afterId;
            return new Replay(List.copyOf(window), cut || evicted || fromEarlierRun);
        }
    }

    @Override
    public long addListener(Consumer<StoredEvent> listener) {
        synchronized (lock) {
            listeners.add(listener);
            return lastEventId();
        }
    }

    @Override
    public AgentPresence agent(String agentId) {
        synchronized (lock) {
            return agents.getOrDefault(agentId, AgentPresence.unknown(agentId));
        }
    }

    @Override
    public List<AgentPresence> agents() {
        synchronized (lock) {
            return List.copyOf(agents.values());
        }
    }

    @Override
    public List<StoredEvent> changeAgent(String agentId, Function<AgentPresence, Optional<AgentChange>> decide) {
        synchronized (lock) {
            AgentPresence current = agent(agentId);
            Optional<AgentChange> change = decide.apply(current);
            if (change.isEmpty()) {
                return List.of();
            }
            AgentPresence next = change.get().presence();
            agents.put(agentId, new AgentPresence(agentId, next.status(), next.restoreStatus(), current.connections()));
            List<StoredEvent> stored = new ArrayList<>();
            for (EventDraft event : change.get().events()) {
                if (event.conversationId() == null || conversations.containsKey(event.conversationId())) {
                    stored.add(append(event));
                }
            }
            return stored;
        }
    }

    @Override
    public void recordConnections(String agentId, int onThisReplica) {
        synchronized (lock) {
            AgentPresence current = agent(agentId);
            agents.put(agentId, new AgentPresence(agentId, current.status(), current.restoreStatus(), onThisReplica));
        }
    }

    @Override
    public List<String> agentsIdleFor(Duration grace) {
        return List.of();
    }

    @Override
    public void exclusively(String name, Runnable work) {
        ReentrantLock named;
        synchronized (lock) {
            named = exclusive.computeIfAbsent(name, n -> new ReentrantLock());
        }
        named.lock();
        try {
            work.run();
        } finally {
            named.unlock();
        }
    }

    private ConversationLog existing(String conversationId) {
        ConversationLog conversationLog = conversations.get(conversationId);
        if (conversationLog == null) {
            throw new IllegalArgumentException("unknown conversation: " + conversationId);
        }
        return conversationLog;
    }

    /** Assigns the next id and retains the event; callers hold the lock. */
    private StoredEvent append(EventDraft draft) {
        StoredEvent event = new StoredEvent(++lastId, draft.type(), draft.conversationId(), draft.data(),
                draft.toAgents());
        log.put(event.id(), event);
        if (draft.conversationId() != null) {
            ConversationLog conversationLog = conversations.get(draft.conversationId());
            conversationLog.events.addLast(event);
            while (conversationLog.events.size() > maxEventsPerConversation) {
                evict(conversationLog, conversationLog.events.removeFirst());
            }
        }
        for (Consumer<StoredEvent> listener : listeners) {
            listener.accept(event);
        }
        return event;
    }

    private void evict(ConversationLog conversationLog, StoredEvent event) {
        log.remove(event.id());
        conversationLog.evictedUpTo = event.id();
        highestEvictedId = Math.max(highestEvictedId, event.id());
    }

    /** One conversation's state and retained events. */
    private static final class ConversationLog {
        private Conversation conversation;
        private final ArrayDeque<StoredEvent> events = new ArrayDeque<>();
        private final List<MessageEntry> messages = new ArrayList<>();
        private final Map<String, MessageEntry> byClientMessageId = new HashMap<>();
        private long evictedUpTo;

        private ConversationLog(Conversation conversation) {
            this.conversation = conversation;
        }
    }
}
