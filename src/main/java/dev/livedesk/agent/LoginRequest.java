package dev.livedesk.agent;

/** Body of {@code POST /api/agents/login}. */
public record LoginRequest(String username, String password) {
}
