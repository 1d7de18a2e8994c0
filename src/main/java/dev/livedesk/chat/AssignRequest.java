package dev.livedesk.chat;

/** Body of {@code POST /api/conversations/{id}/assign}; no agentId means the caller. */
public record AssignRequest(String agentId) {
}
