package dev.livedesk.event;

import java.util.function.Consumer;

/**
 * The log of durable events behind every stream: what a client that connects late or reconnects is replayed, and
 * what this process' streams are fed live. Events enter it through the feature ports that change state
 * ({@code ConversationStore}, {@code PresenceStore}), each together with its state change.
 *
 * <p>Guarantees every implementation keeps:
 * <ul>
 *   <li><b>One total order.</b> Ids come from one global sequence and rise strictly in commit order: once event
 *       {@code n} is readable, every event below {@code n} that will ever exist is readable too. A reader that
 *       remembers the last id it saw can never skip one that commits late.</li>
 *   <li><b>Listeners get everything once, in order.</b> Each listener receives every event committed after the id
 *       {@link #addListener} returned, exactly once, in id order, whichever process committed it, and only after it
 *       is readable by {@link #replay}. Listeners are called on one thread at a time and must not block. A listener
 *       that throws is logged; the write still succeeds and the other listeners still get the event.</li>
 *   <li><b>Replays never pretend.</b> {@link #replay} returns what is retained of a range and says when some of it is
 *       missing (evicted, cut by the limit, or from before this store's history began); it never silently returns
 *       less.</li>
 *   <li><b>Failures.</b> A store that cannot reach its storage throws {@link StoreUnavailableException} from reads;
 *       listeners are not told of failures and resume, in order, when the storage is back. Nothing delivered is
 *       delivered again.</li>
 * </ul>
 *
 * <p>Retention differs by implementation and is part of each one's contract: the memory log keeps a bounded number
 * of events per conversation and its ids start at the start-up time in microseconds (so an id from an earlier run
 * is recognised as such); the PostgreSQL log keeps every event.
 */
public interface EventLog {

    /** The newest committed event id in the whole log, or 0 when there is none. */
    long lastEventId();

    /**
     * The retained events of a stream with {@code afterId < id <= upToId}, oldest first, at most {@code max} of them
     * (the newest kept). {@code afterId} 0 asks for the whole history. {@link Replay#truncated()} is true when any
     * event of the range is missing from the answer.
     */
    Replay replay(StreamKey stream, long afterId, long upToId, int max);

    /**
     * Adds a listener for committed events and returns the id of the newest event committed before it was added:
     * the listener receives exactly the events after that one.
     */
    long addListener(Consumer<StoredEvent> listener);
}
