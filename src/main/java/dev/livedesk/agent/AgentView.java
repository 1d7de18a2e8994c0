package dev.livedesk.agent;

/** An agent with presence, as the console lists them. */
public record AgentView(String id, String displayName, AgentStatus status, int openConversations) {
}
