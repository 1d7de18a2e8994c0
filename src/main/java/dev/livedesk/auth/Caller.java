package dev.livedesk.auth;

import java.time.Instant;

/**
 * Who is making a request, as proven by a verified token.
 *
 * @param id             the customer id or the agent's username
 * @param conversationId the one conversation a customer may touch; null for agents and for identified customers
 * @param inboxId        an identified customer's inbox; null otherwise
 * @param identifier     an identified customer's identifier on their website; null otherwise
 * @param verified       whether the website proved that identifier
 */
public record Caller(Role role, String id, String name, String conversationId, Instant expiresAt, String inboxId,
                     String identifier, boolean verified) {

    /** An agent, or the customer of one conversation. */
    public Caller(Role role, String id, String name, String conversationId, Instant expiresAt) {
        this(role, id, name, conversationId, expiresAt, null, null, false);
    }

    /** Whether this is a customer a website identified ({@code setUser}): their conversations are theirs by id. */
    public boolean isIdentifiedCustomer() {
        return !isAgent() && conversationId == null && inboxId != null;
    }

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

    /**
     * Whether this caller may read and write the conversation, as far as the credential alone tells: an agent, or
     * the customer of exactly that conversation. An identified customer's access depends on whose the conversation
     * is, which {@code AuthService} looks up.
     */
    public boolean mayAccess(String conversation) {
        return isAgent() || conversation.equals(conversationId);
    }
}
