package dev.livedesk.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livedesk.event.Ephemeral;
import dev.livedesk.event.EphemeralBus;
import dev.livedesk.event.StoreUnavailableException;
import dev.livedesk.event.StreamKey;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Ephemeral events across replicas as PostgreSQL notifications on their own channel; every replica, this one
 * included, receives them through its {@link PostgresFeed}. An event too big for a notification (PostgreSQL takes
 * under 8000 bytes) reaches this replica's clients only.
 */
public class PostgresEphemeralBus implements EphemeralBus {

    /** PostgreSQL refuses notification payloads of 8000 bytes or more. */
    static final int MAX_PAYLOAD_BYTES = 7999;
    private static final Logger LOG = Logger.getLogger(PostgresEphemeralBus.class);

    private final PostgresEventLog log;
    private final ObjectMapper json;
    private final List<Consumer<Ephemeral>> listeners = new CopyOnWriteArrayList<>();

    /** The wire form of an ephemeral event in a notification. */
    record Notice(String kind, String conversationId, String type, String data) {
    }

    public PostgresEphemeralBus(PostgresEventLog log, ObjectMapper json) {
        this.log = log;
        this.json = json;
        log.feed().addEphemeralListener(this::received);
    }

    @Override
    public void publish(Ephemeral event) {
        String payload;
        try {
            payload = json.writeValueAsString(new Notice(event.stream().kind().name(), event.stream().conversationId(),
                    event.type(), event.data()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode an ephemeral event", e);
        }
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            LOG.debugf("Ephemeral %s event too big for a notification; delivered on this replica only", event.type());
            deliver(event);
            return;
        }
        try {
            log.notify(PostgresFeed.EPHEMERAL_CHANNEL, payload);
        } catch (StoreUnavailableException e) {
            LOG.debugf("Ephemeral %s event not sent to other replicas: %s", event.type(), e.getMessage());
            deliver(event);
        }
    }

    @Override
    public void addListener(Consumer<Ephemeral> listener) {
        listeners.add(listener);
    }

    private void received(String payload) {
        try {
            Notice notice = json.readValue(payload, Notice.class);
            StreamKey.Kind kind = StreamKey.Kind.valueOf(notice.kind());
            deliver(new Ephemeral(new StreamKey(kind, notice.conversationId()), notice.type(), notice.data()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warnf("Ignoring a malformed ephemeral notification: %s", e.getMessage());
        }
    }

    private void deliver(Ephemeral event) {
        listeners.forEach(listener -> listener.accept(event));
    }
}
