package dev.livedesk.store.postgres;

import dev.livedesk.event.ClusterLock;

import java.sql.PreparedStatement;

/**
 * A session-level advisory lock on a pooled connection held for the work. It uses the two-key form, whose locks
 * never conflict with the one-key event lock: the work itself writes events on other connections. PostgreSQL
 * releases the lock when the session ends, so a replica that dies while holding it blocks nobody.
 */
public final class PostgresClusterLock implements ClusterLock {

    /** The first key of the two-key advisory locks. */
    private static final int SECTION_LOCKS = 0x4C44;

    private final Jdbc jdbc;

    public PostgresClusterLock(PostgresEventLog log) {
        this.jdbc = log.jdbc();
    }

    @Override
    public void exclusively(String name, Runnable work) {
        jdbc.read(connection -> {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
                lock.setInt(1, SECTION_LOCKS);
                lock.setInt(2, name.hashCode());
                lock.execute();
            }
            try {
                work.run();
            } finally {
                try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                    unlock.setInt(1, SECTION_LOCKS);
                    unlock.setInt(2, name.hashCode());
                    unlock.execute();
                }
            }
            return null;
        });
    }
}
