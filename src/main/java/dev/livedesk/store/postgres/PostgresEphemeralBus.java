package dev.livedesk.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.livedesk.Threads;
import dev.livedesk.event.Ephemeral;
import dev.livedesk.event.EphemeralBus;
import dev.livedesk.event.StreamKey;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Ephemeral events across replicas as PostgreSQL notifications on their own channel, which the other replicas receive
 * through their {@link PostgresFeed}. This replica's listeners have each event at once, on the publishing thread: the
 * notification comes back to its sender too, and it carries the sender's replica id so that the echo is dropped (a
 * notice without one, from a replica that predates the id, is delivered). An event too big for a notification
 * (PostgreSQL takes under 8000 bytes) reaches this replica's clients only.
 *
 * <p>Publishers do not wait for the database: events queue for one sender thread, which sends what queued while its
 * last notification was on the way as one notification (a JSON array, a single event as before as an object), in
 * the order published. Every notification is a transaction of its own with a commit record and a signal to each
 * listening session, so fewer, larger ones cost the database less. No timer holds an event
 * back, so an idle bus sends each at once and a busy one sends fewer, larger notifications.
 */
public class PostgresEphemeralBus implements EphemeralBus, AutoCloseable {

    /** PostgreSQL refuses notification payloads of 8000 bytes or more. */
    static final int MAX_PAYLOAD_BYTES = 7999;
    /** Events waiting for the sender beyond this are delivered on this replica only, as when the database is away. */
    private static final int OUTBOX = 10_000;
    private static final Logger LOG = Logger.getLogger(PostgresEphemeralBus.class);
    private static final TypeReference<List<Notice>> NOTICES = new TypeReference<>() {
    };

    private final PostgresEventLog log;
    private final ObjectMapper json;
    /** Read leniently: a replica of another version may send fields this one does not know. */
    private final ObjectReader oneNotice;
    private final ObjectReader noticeList;
    /** Tells this replica's notices from the others'; random, so that a restarted replica is a new one. */
    private final String replica = Long.toHexString(new SecureRandom().nextLong());
    private final List<Consumer<Ephemeral>> listeners = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Outgoing> outbox = new LinkedBlockingQueue<>(OUTBOX);
    private final Thread sender;

    /** The wire form of an ephemeral event in a notification. */
    record Notice(String replica, String kind, String conversationId, String type, String data, String inboxId) {
    }

    /** An event waiting for the sender: its notice's JSON and UTF-8 size. */
    private record Outgoing(String notice, int bytes) {
    }

    public PostgresEphemeralBus(PostgresEventLog log, ObjectMapper json) {
        this.log = log;
        this.json = json;
        ObjectReader lenient = json.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.oneNotice = lenient.forType(Notice.class);
        this.noticeList = lenient.forType(NOTICES);
        log.feed().addEphemeralListener(this::received);
        this.sender = Threads.daemon("livedesk-pg-notifier").newThread(this::sendLoop);
        sender.start();
    }

    @Override
    public void publish(Ephemeral event) {
        String notice;
        try {
            notice = json.writeValueAsString(new Notice(replica, event.stream().kind().name(),
                    event.stream().conversationId(), event.type(), event.data(), event.inboxId()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode an ephemeral event", e);
        }
        deliver(event);
        int bytes = notice.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PAYLOAD_BYTES) {
            LOG.debugf("Ephemeral %s event too big for a notification; delivered on this replica only", event.type());
        } else if (!outbox.offer(new Outgoing(notice, bytes))) {
            LOG.debugf("Ephemeral %s event not sent to other replicas: %d events wait already", event.type(), OUTBOX);
        }
    }

    @Override
    public void addListener(Consumer<Ephemeral> listener) {
        listeners.add(listener);
    }

    /** Runs until the bus closes; a failure in one pass is logged and the next event is sent as usual. */
    private void sendLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                sendNext(outbox.take());
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.errorf(e, "Ephemeral events not delivered");
            }
        }
    }

    /** Sends the first event with those behind it that fit in its notification. */
    private void sendNext(Outgoing first) {
        List<Outgoing> batch = new ArrayList<>();
        batch.add(first);
        int bytes = first.bytes() + 2;
        Outgoing next;
        while ((next = outbox.peek()) != null && bytes + next.bytes() + 1 <= MAX_PAYLOAD_BYTES) {
            batch.add(outbox.remove());
            bytes += next.bytes() + 1;
        }
        send(batch);
    }

    /** Sends the events as one notification; if that fails they have reached this replica's clients only. */
    private void send(List<Outgoing> batch) {
        String payload = batch.size() == 1 ? batch.get(0).notice()
                : batch.stream().map(Outgoing::notice).collect(Collectors.joining(",", "[", "]"));
        try {
            log.notify(PostgresFeed.EPHEMERAL_CHANNEL, payload);
        } catch (RuntimeException e) {
            LOG.debugf("%d ephemeral events not sent to other replicas: %s", batch.size(), e.getMessage());
        }
    }

    private void received(String payload) {
        try {
            List<Notice> received = payload.startsWith("[") ? noticeList.readValue(payload)
                    : List.of(oneNotice.<Notice>readValue(payload));
            for (Notice notice : received) {
                if (notice == null || notice.kind() == null) {
                    throw new IllegalArgumentException("a notice without a stream kind");
                }
                if (replica.equals(notice.replica())) {
                    continue;
                }
                StreamKey.Kind kind = StreamKey.Kind.valueOf(notice.kind());
                deliver(new Ephemeral(new StreamKey(kind, notice.conversationId()), notice.type(), notice.data(),
                        notice.inboxId()));
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warnf("Ignoring a malformed ephemeral notification: %s", e.getMessage());
        }
    }

    private void deliver(Ephemeral event) {
        listeners.forEach(listener -> listener.accept(event));
    }

    /** Stops the sender; events still waiting are dropped, as an ephemeral event may be. */
    @Override
    public void close() {
        sender.interrupt();
    }
}
