package dev.livedesk.store.postgres;

import dev.livedesk.Threads;
import dev.livedesk.agent.AgentChange;
import dev.livedesk.agent.AgentPresence;
import dev.livedesk.agent.AgentStatus;
import dev.livedesk.agent.PresenceStore;
import dev.livedesk.event.EventDraft;
import dev.livedesk.event.StoreUnavailableException;
import dev.livedesk.event.StoredEvent;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Presence in PostgreSQL: the status in {@code agents}, and each replica's connection count in
 * {@code agent_connections} with the time the replica last renewed its lease (every third of
 * {@code livedesk.postgres.replica-lease}). A change and a recorded count of the same agent both lock the agent's
 * row, so they never interleave.
 */
public final class PostgresPresenceStore implements PresenceStore, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PostgresPresenceStore.class);
    /** Live connections of an agent: those on replicas whose lease has not run out. */
    private static final String LIVE_CONNECTIONS = "SELECT coalesce(sum(connections), 0) FROM agent_connections "
            + "WHERE agent_id = ? AND seen_at > now() - make_interval(secs => ?)";

    private final Jdbc jdbc;
    private final PostgresEventLog log;
    private final String replicaId = UUID.randomUUID().toString();
    private final double leaseSeconds;
    private final ScheduledExecutorService heartbeat = Threads.scheduler("livedesk-pg-heartbeat");

    public PostgresPresenceStore(PostgresEventLog log, Duration replicaLease) {
        this.jdbc = log.jdbc();
        this.log = log;
        this.leaseSeconds = replicaLease.toMillis() / 1000.0;
        long beat = Math.max(1, replicaLease.toMillis() / 3);
        heartbeat.scheduleAtFixedRate(this::renewLease, beat, beat, TimeUnit.MILLISECONDS);
    }

    /** This process' name among the replicas. */
    public String replicaId() {
        return replicaId;
    }

    @Override
    public AgentPresence agent(String agentId) {
        return jdbc.read(connection -> presence(connection, agentId, false));
    }

    @Override
    public List<AgentPresence> agents() {
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT a.agent_id, a.status, "
                    + "a.restore_status, coalesce((SELECT sum(c.connections) FROM agent_connections c "
                    + "WHERE c.agent_id = a.agent_id AND c.seen_at > now() - make_interval(secs => ?)), 0) "
                    + "FROM agents a ORDER BY a.agent_id")) {
                select.setDouble(1, leaseSeconds);
                return Jdbc.rows(select, rows -> new AgentPresence(rows.getString(1),
                        AgentStatus.valueOf(rows.getString(2)), status(rows.getString(3)), rows.getInt(4)));
            }
        });
    }

    @Override
    public List<StoredEvent> changeAgent(String agentId, Function<AgentPresence, Optional<AgentChange>> decide) {
        return jdbc.write(connection -> {
            Optional<AgentChange> change = decide.apply(presence(connection, agentId, true));
            if (change.isEmpty()) {
                return List.of();
            }
            List<String> named = change.get().events().stream().map(EventDraft::conversationId)
                    .filter(Objects::nonNull).toList();
            if (!named.isEmpty() && PostgresConversationStore.missing(connection, named)) {
                throw new IllegalArgumentException("an agent change names an unknown conversation");
            }
            AgentPresence next = change.get().presence();
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE agents SET status = ?, restore_status = ?, updated_at = now() WHERE agent_id = ?")) {
                update.setString(1, next.status().name());
                update.setString(2, next.restoreStatus() == null ? null : next.restoreStatus().name());
                update.setString(3, agentId);
                update.executeUpdate();
            }
            return log.commitWithEvents(connection, PostgresEventLog.EventWrite.of(change.get().events()));
        });
    }

    @Override
    public void recordConnections(String agentId, int onThisProcess) {
        jdbc.write(connection -> {
            presence(connection, agentId, true);
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO agent_connections "
                    + "(replica_id, agent_id, connections, changed_at, seen_at) VALUES (?, ?, ?, now(), now()) "
                    + "ON CONFLICT (replica_id, agent_id) DO UPDATE SET connections = excluded.connections, "
                    + "changed_at = now(), seen_at = now()")) {
                upsert.setString(1, replicaId);
                upsert.setString(2, agentId);
                upsert.setInt(3, onThisProcess);
                upsert.executeUpdate();
            }
            return null;
        });
    }

    /**
     * An agent with a connection on a replica whose lease holds is never idle. Otherwise it is idle since the
     * latest moment any replica vouched for one of its connections: the last change of a count that fell to zero,
     * or the last lease renewal of a replica that held some and stopped renewing.
     */
    @Override
    public List<String> agentsIdleFor(Duration grace) {
        return jdbc.read(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM agent_connections WHERE seen_at < now() - make_interval(secs => ?)")) {
                delete.setDouble(1, Math.max(3600, leaseSeconds * 10));
                delete.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT a.agent_id FROM agents a "
                    + "JOIN agent_connections c ON c.agent_id = a.agent_id WHERE a.status <> 'OFFLINE' "
                    + "GROUP BY a.agent_id "
                    + "HAVING NOT bool_or(c.connections > 0 AND c.seen_at > now() - make_interval(secs => ?)) "
                    + "AND max(CASE WHEN c.connections > 0 THEN c.seen_at ELSE c.changed_at END)"
                    + " < now() - make_interval(secs => ?)")) {
                select.setDouble(1, leaseSeconds);
                select.setDouble(2, grace.toMillis() / 1000.0);
                return Jdbc.rows(select, rows -> rows.getString(1));
            }
        });
    }

    private void renewLease() {
        updateThisReplica("seen_at = now()", "renew this replica's lease");
    }

    /** Updates this replica's rows of agent_connections; a failure is only logged (the lease covers it). */
    private void updateThisReplica(String assignments, String purpose) {
        try {
            jdbc.read(connection -> {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE agent_connections SET " + assignments + " WHERE replica_id = ?")) {
                    update.setString(1, replicaId);
                    update.executeUpdate();
                }
                return null;
            });
        } catch (StoreUnavailableException e) {
            LOG.debugf("Could not %s: %s", purpose, e.getMessage());
        }
    }

    /** The agent's presence; with {@code lock}, creates its row if needed and locks it for the transaction. */
    private AgentPresence presence(Connection connection, String agentId, boolean lock) throws SQLException {
        if (lock) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO agents (agent_id, status) VALUES (?, 'OFFLINE') ON CONFLICT (agent_id) DO NOTHING")) {
                insert.setString(1, agentId);
                insert.executeUpdate();
            }
        }
        AgentStatus status = AgentStatus.OFFLINE;
        AgentStatus restore = null;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT status, restore_status FROM agents WHERE agent_id = ?" + (lock ? " FOR UPDATE" : ""))) {
            select.setString(1, agentId);
            try (ResultSet rows = select.executeQuery()) {
                if (rows.next()) {
                    status = AgentStatus.valueOf(rows.getString(1));
                    restore = status(rows.getString(2));
                }
            }
        }
        int connections;
        try (PreparedStatement select = connection.prepareStatement(LIVE_CONNECTIONS)) {
            select.setString(1, agentId);
            select.setDouble(2, leaseSeconds);
            connections = (int) Jdbc.single(select);
        }
        return new AgentPresence(agentId, status, restore, connections);
    }

    private static AgentStatus status(String name) {
        return name == null ? null : AgentStatus.valueOf(name);
    }

    /** Stops renewing this replica's lease and clears its connections, as a replica does when it stops cleanly. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        updateThisReplica("connections = 0, changed_at = now()", "clear this replica's connections");
    }
}
