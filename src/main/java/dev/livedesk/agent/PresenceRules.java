package dev.livedesk.agent;

import java.util.Optional;

/**
 * The rules of presence: what an agent's own choice, a reconnect and the end of the grace period do to the
 * presence as stored. Each answers empty when nothing changes.
 */
public final class PresenceRules {

    private PresenceRules() {
    }

    /** The agent chose a status: it takes effect, and forgets any status waiting to come back. */
    public static Optional<AgentPresence> chosen(AgentPresence current, AgentStatus status) {
        return current.status() == status && current.restoreStatus() == null ? Optional.empty()
                : Optional.of(current.with(status, null));
    }

    /** The agent connected again: the status it had before the grace period ran out comes back. */
    public static Optional<AgentPresence> reconnected(AgentPresence current) {
        return current.restoreStatus() == null ? Optional.empty()
                : Optional.of(current.with(current.restoreStatus(), null));
    }

    /**
     * The grace period ran out with no connection seen: the agent goes OFFLINE and remembers its status for when it
     * comes back, unless a connection is open somewhere by now or it is OFFLINE already.
     */
    public static Optional<AgentPresence> graceExpired(AgentPresence current) {
        return current.connections() > 0 || current.status() == AgentStatus.OFFLINE ? Optional.empty()
                : Optional.of(current.with(AgentStatus.OFFLINE, current.status()));
    }
}
