package dev.livedesk.event;

/**
 * Mutual exclusion across every process that shares a store, for work that must not run twice at once anywhere
 * (e.g. a routing pass that reads capacity and then assigns).
 *
 * <p>Guarantees: at most one holder of a name at a time across all processes; callers wait for their turn (no
 * timeout, no fairness promise). The lock is released when the work returns or throws. If the holder's process or
 * its connection to the shared storage dies, the lock is released with it (PostgreSQL releases a session's advisory
 * locks when the session ends), so a dead holder never blocks the others. Work must not call {@code exclusively}
 * again from inside; locks of different names are independent.
 */
public interface ClusterLock {

    /**
     * Runs {@code work} while nobody else runs work under the same name.
     *
     * @throws StoreUnavailableException when the shared storage cannot be reached to take the lock
     */
    void exclusively(String name, Runnable work);
}
