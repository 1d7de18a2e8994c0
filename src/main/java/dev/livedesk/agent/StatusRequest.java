package dev.livedesk.agent;

/** Body of {@code PUT /api/agents/me/status}. */
public record StatusRequest(String status) {
}
