package dev.livedesk.store.postgres;

import dev.livedesk.Threads;
import dev.livedesk.event.StoredEvent;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Brings the events every replica commits to this replica's listeners, in id order, each once.
 *
 * <p>NOTIFY is only a wake-up: a reader thread takes events by id from the table, after the last one it delivered,
 * whenever it is woken (by a notification, by the listening connection coming back) and at least every poll
 * interval. So a lost notification delays an event by at most that interval and never loses it. Reading by id is
 * safe because ids are taken under a lock held until commit: once event n is visible, no event below n can still
 * appear.
 *
 * <p>This replica's own commits need no read: the committing thread hands its events over, and they are delivered
 * at once when the first follows the last delivered event (nothing can come between two consecutive ids). Otherwise
 * (another replica's event, a commit that overtook this replica's previous one on the way back, an id lost to a
 * rollback) the reader is woken to read by id, and the handed events count as delivered only when read.
 *
 * <p>The listening connection is a connection of its own, outside the pool (LISTEN belongs to a session); when it
 * drops, it is opened again and the reader is woken to catch up.
 */
public final class PostgresFeed implements AutoCloseable {

    static final String EVENTS_CHANNEL = "livedesk_events";
    static final String EPHEMERAL_CHANNEL = "livedesk_ephemeral";
    /** How the listening session shows in pg_stat_activity. */
    static final String LISTENER_NAME = "livedesk-listener";
    private static final Logger LOG = Logger.getLogger(PostgresFeed.class);
    private static final int BATCH = 1000;
    /** The first wait before opening the listening connection again; it doubles up to {@link #MAX_RECONNECT_DELAY}. */
    static final Duration RECONNECT_DELAY = Duration.ofMillis(250);
    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(5);

    /** Opens a connection for LISTEN; not from the pool. */
    public interface ListenConnections {
        Connection open() throws SQLException;

        /** Connections straight from the PostgreSQL driver (user and password, if any, in {@code properties}). */
        static ListenConnections to(String url, java.util.Properties properties) {
            org.postgresql.Driver driver = new org.postgresql.Driver();
            return () -> {
                Connection connection = driver.connect(url, properties);
                if (connection == null) {
                    throw new SQLException("not a PostgreSQL JDBC URL: " + url);
                }
                return connection;
            };
        }
    }

    private final PostgresEventLog log;
    private final ListenConnections listenConnections;
    private final long pollMillis;
    private final List<Consumer<StoredEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> ephemeralListeners = new CopyOnWriteArrayList<>();
    private final Object delivery = new Object();
    private final Semaphore wake = new Semaphore(0);
    private final Thread reader;
    private final Thread receiver;
    private volatile boolean running = true;
    private volatile Connection listening;
    /**
     * The id of the last event handed to the listeners; written under {@link #delivery}, volatile so that the
     * receiver can skip waking the reader for what has been delivered already.
     */
    private volatile long position;

    PostgresFeed(PostgresEventLog log, ListenConnections listenConnections, Duration pollInterval, long startAfter) {
        this.log = log;
        this.listenConnections = listenConnections;
        this.pollMillis = Math.max(10, pollInterval.toMillis());
        this.position = startAfter;
        this.reader = Threads.daemon("livedesk-pg-reader").newThread(this::readLoop);
        this.receiver = Threads.daemon("livedesk-pg-listener").newThread(this::receiveLoop);
        reader.start();
        receiver.start();
    }

    /** See {@link dev.livedesk.event.EventLog#addListener}. */
    long addListener(Consumer<StoredEvent> listener) {
        synchronized (delivery) {
            listeners.add(listener);
            return position;
        }
    }

    /** Receives the payload of every ephemeral notification, from every replica. */
    void addEphemeralListener(Consumer<String> listener) {
        ephemeralListeners.add(listener);
    }

    /** Asks the reader to look for new events now. */
    private void wake() {
        wake.release();
    }

    /**
     * Takes events this replica has just committed, in id order: delivers them if they continue what was delivered,
     * skips what the reader delivered already, and wakes the reader for the rest, so that a replica does not read
     * its own events back.
     */
    void committed(List<StoredEvent> events) {
        boolean gap = false;
        synchronized (delivery) {
            for (StoredEvent event : events) {
                if (event.id() == position + 1) {
                    deliver(event);
                } else if (event.id() > position) {
                    gap = true;
                    break;
                }
            }
        }
        if (gap) {
            wake();
        }
    }

    private void readLoop() {
        boolean failing = false;
        while (running) {
            try {
                wake.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
                wake.drainPermits();
                int read;
                do {
                    read = readBatch();
                } while (running && read == BATCH);
                if (failing) {
                    LOG.info("Reading events from PostgreSQL again");
                    failing = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running && !failing) {
                    LOG.warnf("Cannot read new events from PostgreSQL (%s); retrying every %d ms", e.getMessage(),
                            pollMillis);
                }
                failing = true;
            }
        }
    }

    /** Reads and delivers the next events after the position; returns how many. */
    private int readBatch() {
        List<StoredEvent> batch = log.after(position, BATCH);
        synchronized (delivery) {
            for (StoredEvent event : batch) {
                if (event.id() > position) {
                    deliver(event);
                }
            }
        }
        return batch.size();
    }

    /**
     * Hands one event to the listeners; the caller holds {@link #delivery} and has checked it comes next. A listener
     * that throws is logged and skipped: the event is committed, so the others still get it and the feed moves on
     * (otherwise a commit that succeeded would be reported as failed, and the reader would retry it forever).
     */
    private void deliver(StoredEvent event) {
        for (Consumer<StoredEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.errorf(e, "A listener failed on event %d; the others still get it", event.id());
            }
        }
        position = event.id();
    }

    /**
     * Keeps a listening connection open. When it drops it is opened again after a wait that doubles from
     * {@link #RECONNECT_DELAY} to {@link #MAX_RECONNECT_DELAY}; an outage is logged once when it begins and once when
     * it ends, however long it lasts.
     */
    private void receiveLoop() {
        boolean lost = false;
        Duration delay = RECONNECT_DELAY;
        while (running) {
            try (Connection connection = listenConnections.open()) {
                listening = connection;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET application_name = '" + LISTENER_NAME + "'");
                    statement.execute("LISTEN " + EVENTS_CHANNEL);
                    statement.execute("LISTEN " + EPHEMERAL_CHANNEL);
                }
                if (lost) {
                    LOG.info("Listening to PostgreSQL again; catching up by id");
                    lost = false;
                }
                delay = RECONNECT_DELAY;
                wake();
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications((int) Math.max(pollMillis, 1000));
                    if (received != null) {
                        dispatch(received);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    if (!lost) {
                        LOG.warnf("Lost the PostgreSQL listening connection (%s); reconnecting, waiting up to %d s "
                                + "between tries", e.getMessage(), MAX_RECONNECT_DELAY.toSeconds());
                        lost = true;
                    }
                    LockSupport.parkNanos(delay.toNanos());
                    delay = nextDelay(delay);
                }
            } finally {
                listening = null;
            }
        }
    }

    /** The wait after {@code delay}: twice as long, at most {@link #MAX_RECONNECT_DELAY}. */
    static Duration nextDelay(Duration delay) {
        Duration doubled = delay.multipliedBy(2);
        return doubled.compareTo(MAX_RECONNECT_DELAY) > 0 ? MAX_RECONNECT_DELAY : doubled;
    }

    /**
     * Wakes the reader for a notification of events not delivered yet: this replica's own commits are mostly
     * delivered before their notification comes back, and a read for them would find nothing.
     */
    private void dispatch(PGNotification[] received) {
        boolean events = false;
        for (PGNotification notification : received) {
            if (EVENTS_CHANNEL.equals(notification.getName())) {
                events |= !deliveredAlready(notification.getParameter());
            } else if (EPHEMERAL_CHANNEL.equals(notification.getName())) {
                for (Consumer<String> listener : ephemeralListeners) {
                    try {
                        listener.accept(notification.getParameter());
                    } catch (RuntimeException e) {
                        LOG.error("An ephemeral listener failed; the others still get the notification", e);
                    }
                }
            }
        }
        if (events) {
            wake();
        }
    }

    /** Whether the notification names an event the listeners have had; any other payload wakes the reader. */
    private boolean deliveredAlready(String newestId) {
        try {
            return Long.parseLong(newestId) <= position;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        reader.interrupt();
        Connection connection = listening;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the listening connection failed", e);
            }
        }
    }
}
