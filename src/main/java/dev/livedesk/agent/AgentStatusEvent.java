package dev.livedesk.agent;

/** The payload of an {@code agent-status} event. */
public record AgentStatusEvent(String agentId, String name, AgentStatus status, int openConversations) {
}
