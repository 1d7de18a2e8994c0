package dev.livedesk.auth;

/** A service-desk agent as others see it. */
public record AgentAccount(String id, String username, String displayName) {
}
