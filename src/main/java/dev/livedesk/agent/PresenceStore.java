package dev.livedesk.agent;

import dev.livedesk.event.StoreUnavailableException;
import dev.livedesk.event.StoredEvent;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Agents' presence as every process sees it: the status each agent chose or was given, and how many agents-stream
 * connections each process holds for it, so that routing on one replica knows who is connected to another.
 *
 * <p>Guarantees every implementation keeps:
 * <ul>
 *   <li><b>Atomic with its events.</b> {@link #changeAgent} stores the presence and its events in one step, in the
 *       event log's total order, deciding on the presence as stored with no other change of the same agent in
 *       between. Events that name a conversation must name one that exists; otherwise the change throws
 *       {@link IllegalArgumentException} and stores nothing.</li>
 *   <li><b>Connections are counted per process, with a lease.</b> Each process records only its own count; an
 *       agent's {@link AgentPresence#connections()} is the sum over processes that are alive. A process that stops
 *       without saying so stops counting once its lease runs out (PostgreSQL: {@code livedesk.postgres.replica-lease});
 *       in the memory store there is one process, so its own count is the truth and no lease applies.</li>
 *   <li><b>Ordered with decisions.</b> {@link #recordConnections} and {@link #changeAgent} of the same agent never
 *       interleave: a decision never counts a connection half-recorded.</li>
 *   <li><b>Failures</b> throw {@link StoreUnavailableException} and store nothing.</li>
 * </ul>
 */
public interface PresenceStore {

    /** The agent's presence; OFFLINE with no connections for an agent the store has never seen. */
    AgentPresence agent(String agentId);

    /** Every agent the store has seen, ordered by id. */
    List<AgentPresence> agents();

    /**
     * Applies a decision to one agent's presence atomically: {@code decide} sees the presence as stored, with the
     * connections of every live process counted, and returns what to store, or empty. The stored connections are
     * never taken from the decision.
     *
     * @return the events stored, in order
     */
    List<StoredEvent> changeAgent(String agentId, Function<AgentPresence, Optional<AgentChange>> decide);

    /** Records how many agents-stream connections of the agent this process holds now. */
    void recordConnections(String agentId, int onThisProcess);

    /**
     * Agents that are not OFFLINE, have had agents-stream connections, and have had none on any live process for
     * at least {@code grace}: typically because the process that held them stopped without saying so. Always empty
     * for a store that only one process uses, whose own timers see every disconnect.
     */
    List<String> agentsIdleFor(Duration grace);
}
