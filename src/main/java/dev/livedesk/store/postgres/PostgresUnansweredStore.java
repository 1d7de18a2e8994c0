package dev.livedesk.store.postgres;

import dev.livedesk.Threads;
import dev.livedesk.bot.UnansweredStore;
import org.jboss.logging.Logger;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Unanswered questions in their own table, read newest first through the index on their time.
 *
 * <p>Recording does not wait for the database: questions queue for one writer thread, which gathers what comes
 * within {@link #LINGER} of the first and inserts it in one transaction: a transaction per missed question would be
 * paid on the assistant's thread, and without the wait the writer would keep up and still write them one by one.
 */
final class PostgresUnansweredStore implements UnansweredStore, AutoCloseable {

    /** Questions waiting beyond this are not recorded: a report must never hold up the assistant. */
    private static final int WAITING = 10_000;
    private static final int BATCH = 500;
    /** How long a question may wait for others to share its transaction: the gaps report reads by the day. */
    private static final Duration LINGER = Duration.ofSeconds(1);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(PostgresUnansweredStore.class);

    private final Jdbc jdbc;
    private final BlockingQueue<Unanswered> waiting = new LinkedBlockingQueue<>(WAITING);
    private final Thread writer;

    PostgresUnansweredStore(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.writer = Threads.daemon("livedesk-pg-unanswered").newThread(this::writeLoop);
        writer.start();
    }

    @Override
    public void record(Unanswered question) {
        if (!waiting.offer(question)) {
            LOG.warnf("An unanswered question was not recorded: %d wait already", WAITING);
        }
    }

    /** Runs until the store closes, and then writes what it had gathered. */
    private void writeLoop() {
        List<Unanswered> batch = new ArrayList<>();
        boolean running = true;
        while (running) {
            try {
                batch.add(waiting.take());
                long deadline = System.nanoTime() + LINGER.toNanos();
                Unanswered next;
                while (batch.size() < BATCH
                        && (next = waiting.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
                    batch.add(next);
                }
            } catch (InterruptedException stopping) {
                running = false;
            }
            write(batch);
            batch.clear();
        }
    }

    /** A batch that fails is logged and lost, as the port allows. */
    private void write(List<Unanswered> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            insert(batch);
        } catch (RuntimeException e) {
            LOG.warnf("%d unanswered questions were not recorded: %s", batch.size(), e.getMessage());
        }
    }

    private void insert(List<Unanswered> batch) {
        jdbc.write(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO unanswered_questions "
                    + "(conversation_id, lang, text, handed_off, asked_at) VALUES (?, ?, ?, ?, ?)")) {
                for (Unanswered question : batch) {
                    insert.setString(1, question.conversationId());
                    insert.setString(2, question.lang());
                    insert.setString(3, PgText.encode(question.text()));
                    insert.setBoolean(4, question.handedOff());
                    insert.setTimestamp(5, Timestamp.from(question.at()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<Unanswered> since(Instant from, int max) {
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT conversation_id, lang, text, "
                    + "handed_off, asked_at FROM unanswered_questions WHERE asked_at >= ? "
                    + "ORDER BY asked_at DESC, id DESC LIMIT ?")) {
                select.setTimestamp(1, Timestamp.from(from));
                select.setInt(2, max);
                return Jdbc.rows(select, rows -> new Unanswered(rows.getString(1), rows.getString(2),
                        PgText.decode(rows.getString(3)), rows.getBoolean(4), Jdbc.instant(rows, 5)));
            }
        });
    }

    /** Stops the writer and records what still waits, if the database lets it within a moment. */
    @Override
    public void close() throws InterruptedException {
        writer.interrupt();
        writer.join(CLOSE_WAIT.toMillis());
        List<Unanswered> rest = new ArrayList<>();
        waiting.drainTo(rest);
        write(rest);
    }
}
