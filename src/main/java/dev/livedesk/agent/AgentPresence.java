package dev.livedesk.agent;

/**
 * One agent's presence as the store keeps it for every replica.
 *
 * @param status        what the agent is now
 * @param restoreStatus the status to give back when the agent connects again after the grace period made it
 *                      OFFLINE, or null
 * @param connections   agents-stream connections open on live replicas; ignored when a change is stored
 */
public record AgentPresence(String agentId, AgentStatus status, AgentStatus restoreStatus, int connections) {

    /** An agent the store has never seen. */
    public static AgentPresence unknown(String agentId) {
        return new AgentPresence(agentId, AgentStatus.OFFLINE, null, 0);
    }

    public AgentPresence with(AgentStatus next, AgentStatus restore) {
        return new AgentPresence(agentId, next, restore, connections);
    }
}
