package dev.livedesk.agent;

/** CDI event: an agent's status changed. */
public record PresenceChanged(String agentId, AgentStatus status) {
}
