package dev.livedesk.store.memory;

import dev.livedesk.event.EventDraft;
import dev.livedesk.event.EventLog;
import dev.livedesk.event.Replay;
import dev.livedesk.event.StoredEvent;
import dev.livedesk.event.StreamKey;

import org.jboss.logging.Logger;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The in-process event log, and the one lock that orders every write of the memory store: the conversation and
 * presence stores change their state and append their events while holding {@link #lock()}, so ids are assigned,
 * stored and handed to listeners in the same order and no reader ever sees a hole.
 *
 * <p>Each conversation retains its newest {@code maxEventsPerConversation} events, and so do the events of no
 * conversation (agent status) together; the sequence starts at the
 * start-up time in microseconds, so ids keep rising across restarts and a client that resumes with an id from an
 * earlier run is told its history is gone instead of being silently given the wrong events.
 */
public final class MemoryEventLog implements EventLog {

    private final Object lock = new Object();
    private final int maxEventsPerConversation;
    private final long firstId;
    private final NavigableMap<Long, StoredEvent> log = new TreeMap<>();
    private final Map<String, Retained> byConversation = new HashMap<>();
    /** The events of no conversation (agent status), bounded like a conversation's. */
    private final Retained unattached = new Retained();
    private static final Logger LOG = Logger.getLogger(MemoryEventLog.class);
    private final List<Consumer<StoredEvent>> listeners = new CopyOnWriteArrayList<>();
    private long lastId;
    private long highestEvictedId;

    public MemoryEventLog(int maxEventsPerConversation) {
        this.maxEventsPerConversation = maxEventsPerConversation;
        this.firstId = System.currentTimeMillis() * 1000;
        this.lastId = firstId - 1;
    }

    /** The lock every write of the memory store holds while it changes state and appends its events. */
    Object lock() {
        return lock;
    }

    @Override
    public long lastEventId() {
        synchronized (lock) {
            return lastId < firstId ? 0 : lastId;
        }
    }

    /** The id of the newest event the conversation's stream carries, or 0. */
    long lastEventId(String conversationId) {
        synchronized (lock) {
            Retained retained = byConversation.get(conversationId);
            if (retained != null) {
                for (Iterator<StoredEvent> newestFirst = retained.events.descendingIterator(); newestFirst.hasNext(); ) {
                    StoredEvent event = newestFirst.next();
                    if (event.audience().conversationStream()) {
                        return event.id();
                    }
                }
            }
            return 0;
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
                Retained retained = byConversation.get(stream.conversationId());
                if (retained == null) {
                    return new Replay(List.of(), false);
                }
                newestFirst = retained.events.descendingIterator();
                evictedUpTo = retained.evictedUpTo;
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
            return new Replay(List.copyOf(window), cut || evicted || fromEarlierRun, fromEarlierRun);
        }
    }

    @Override
    public long addListener(Consumer<StoredEvent> listener) {
        synchronized (lock) {
            listeners.add(listener);
            return lastEventId();
        }
    }

    /** Assigns the next id, retains the event and tells the listeners; callers hold {@link #lock()}. */
    StoredEvent append(EventDraft draft) {
        StoredEvent event = StoredEvent.of(++lastId, draft);
        log.put(event.id(), event);
        Retained retained = draft.conversationId() == null ? unattached
                : byConversation.computeIfAbsent(draft.conversationId(), id -> new Retained());
        retained.events.addLast(event);
        while (retained.events.size() > maxEventsPerConversation) {
            StoredEvent evicted = retained.events.removeFirst();
            log.remove(evicted.id());
            retained.evictedUpTo = evicted.id();
            highestEvictedId = Math.max(highestEvictedId, evicted.id());
        }
        for (Consumer<StoredEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.errorf(e, "A listener failed on event %d; the others still get it", event.id());
            }
        }
        return event;
    }

    /** One conversation's retained events. */
    private static final class Retained {
        private final ArrayDeque<StoredEvent> events = new ArrayDeque<>();
        private long evictedUpTo;
    }
}
