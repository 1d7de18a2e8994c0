package dev.livedesk.auth;

/**
 * A service-desk agent as others see it.
 *
 * @param role {@link Role#AGENT} or {@link Role#SUPERVISOR}
 */
public record AgentAccount(String id, String username, String displayName, Role role) {

    public boolean isSupervisor() {
        return role == Role.SUPERVISOR;
    }
}
