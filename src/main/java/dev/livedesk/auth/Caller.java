package dev.livedesk.auth;

import java.time.Instant;

/**
 * Who is making a request, as proven by a verified token.
 *
 * @param id             the customer id or the agent's username
 * @param conversationId the one conversation a customer may touch; null for agents
 */
public record Caller(Role role, String id, String name, String conversationId, Instant expiresAt) {

    /** Whether the caller is staff: an agent or a supervisor. */
    public boolean isAgent() {
        return role.isStaff();
    }

    public boolean isSupervisor() {
        return role.isSupervisor();
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Names the credential for per-credential limits: role and subject. */
    public String credential() {
        return role + ":" + id;
    }

    /** Whether this caller may read and write the conversation. */
    public boolean mayAccess(String conversation) {
        return isAgent() || conversation.equals(conversationId);
    }
}
