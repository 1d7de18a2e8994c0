package dev.livedesk.agent;

import dev.livedesk.auth.Role;

/** An agent with presence, as the console lists them; the role tells the console what to offer (reports). */
public record AgentView(String id, String displayName, Role role, AgentStatus status, int openConversations) {
}
