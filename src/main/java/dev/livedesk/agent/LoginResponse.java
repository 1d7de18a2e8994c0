package dev.livedesk.agent;

import dev.livedesk.auth.AgentAccount;

/** Answer to a successful login: the agent and a token, also set as a cookie. */
public record LoginResponse(AgentAccount agent, String token) {
}
