package dev.livedesk.store;

import dev.livedesk.agent.AgentPresence;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.Message;
import dev.livedesk.chat.MessageEntry;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Persistence of conversations, messages, agents' presence and the event log that backs replay, shared by every
 * replica that uses the same store.
 *
 * <p>Contract every implementation keeps:
 * <ul>
 *   <li>Each write that emits an event stores its state change and its event atomically; the event id comes from
 *       one global sequence, so ids rise strictly in every stream.</li>
 *   <li>Reads never see a hole: when event n is readable, every event below n that will ever be committed is
 *       readable too.</li>
 *   <li>Every listener receives every committed event exactly once, in id order, after it is readable.</li>
 * </ul>
 */
public interface ChatStore {

    /** What kind of store this is, as operators configure and see it ({@code memory} or {@code postgres}). */
    String kind();

    /** Stores a new conversation together with its {@code conversation} event. */
    StoredEvent createConversation(Conversation conversation, EventDraft created);

    Optional<Conversation> conversation(String id);

    /**
     * Appends a message and its event, unless the conversation already has a message with the same non-null
     * clientMessageId: then nothing is written and the original is returned.
     */
    MessageAppend appendMessage(Message message, EventDraft event);

    /**
     * Applies a decision to one conversation atomically. {@code decide} sees the conversation as stored and returns
     * what to store, or empty to leave everything as it is; it runs under the store's lock (or inside its
     * transaction), so it must be quick and free of side effects.
     *
     * @return the events stored, in order; empty when none was (a change may also update only the conversation)
     */
    List<StoredEvent> change(String conversationId, Function<Conversation, Optional<Change>> decide);

    /** Every conversation, oldest first, optionally only those in one status or with one assignee. */
    List<Conversation> conversations(ConversationStatus status, String assigneeId);

    /** Stores an event that belongs to no conversation (only the agents' stream carries it). */
    StoredEvent appendGlobal(EventDraft event);

    /** A page of a conversation's messages whose events come after {@code afterEventId}, oldest first. */
    List<MessageEntry> messages(String conversationId, long afterEventId, int limit);

    /** The id of the conversation's newest event, or 0 if it has none. */
    long lastEventId(String conversationId);

    /** The newest committed event id in the whole store, or 0. */
    long lastEventId();

    /**
     * The retained events of a stream with {@code afterId < id <= upToId}, at most {@code max} of them (the
     * newest). {@code afterId} 0 asks for the whole history.
     */
    Replay replay(StreamKey stream, long afterId, long upToId, int max);

    /**
     * Adds a listener for committed events and returns the id of the newest event committed before it was added:
     * the listener receives exactly the events after that one, whichever replica committed them.
     */
    long addListener(Consumer<StoredEvent> listener);

    /** The agent's presence; OFFLINE with no connections for an agent the store has never seen. */
    AgentPresence agent(String agentId);

    /** Every agent the store has seen. */
    List<AgentPresence> agents();

    /**
     * Applies a decision to one agent's presence atomically, like {@link #change}: {@code decide} sees the presence
     * as stored, with the connections of every live replica counted, and returns what to store, or empty.
     *
     * @return the events stored, in order
     */
    List<StoredEvent> changeAgent(String agentId, Function<AgentPresence, Optional<AgentChange>> decide);

    /**
     * Records how many agents-stream connections of the agent this replica holds now. Atomic with respect to
     * {@link #changeAgent} for the same agent, so a decision never counts a connection half-recorded.
     */
    void recordConnections(String agentId, int onThisReplica);

    /**
     * Agents that are not OFFLINE, have had agents-stream connections, and have had none on any live replica for
     * at least {@code grace}: typically because the replica that held them stopped without saying so. Empty for a
     * store that only one process uses, whose own timers see every disconnect.
     */
    List<String> agentsIdleFor(Duration grace);

    /**
     * Runs {@code work} while no other replica runs work under the same name; waits for its turn. Work must not
     * call {@code exclusively} again.
     */
    void exclusively(String name, Runnable work);
}
