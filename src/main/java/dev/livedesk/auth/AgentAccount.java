package dev.livedesk.auth;

/**
 * A service-desk agent as others see it.
 *
 * @param role {@link Role#AGENT}, {@link Role#SUPERVISOR} or {@link Role#ADMIN}
 */
public record AgentAccount(String id, String username, String displayName, Role role) {

    public boolean isSupervisor() {
        return role.isSupervisor();
    }
}
