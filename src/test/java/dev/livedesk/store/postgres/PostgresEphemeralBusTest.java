package dev.livedesk.store.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livedesk.event.Ephemeral;
import dev.livedesk.event.EventTypes;
import dev.livedesk.event.StreamKey;
import dev.livedesk.store.Stores;
import dev.livedesk.support.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What reaches a replica's bus from notifications other replicas, of this version or an older one, send. */
class PostgresEphemeralBusTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PROBE = "probe";

    private final Postgres.Database database = Postgres.newDatabase().migrated();
    private final Stores stores = PostgresStores.create(database.dataSource(),
            () -> database.dataSource().getConnection(), Duration.ofSeconds(1), Duration.ofSeconds(3),
            new ObjectMapper());

    @AfterEach
    void close() throws Exception {
        stores.close();
    }

    private void notify(String payload) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, PostgresFeed.EPHEMERAL_CHANNEL);
            notify.setString(2, payload);
            notify.execute();
        }
    }

    /**
     * Sends probes until the bus hears one, so that the listening connection is known to be up; returns what it
     * hears from then on, probes left out.
     */
    private List<Ephemeral> listening() {
        List<Ephemeral> probes = new CopyOnWriteArrayList<>();
        List<Ephemeral> heard = new CopyOnWriteArrayList<>();
        stores.bus().addListener(event -> (PROBE.equals(event.type()) ? probes : heard).add(event));
        await().atMost(WAIT).until(() -> {
            notify("{\"replica\":\"r2\",\"kind\":\"STATUS\",\"type\":\"" + PROBE + "\",\"data\":\"{}\"}");
            return !probes.isEmpty();
        });
        return heard;
    }

    @Test
    void aNoticeWithoutAReplicaIdFromAnOlderReplicaIsDelivered() throws SQLException {
        List<Ephemeral> heard = listening();
        notify("{\"kind\":\"CONVERSATION\",\"conversationId\":\"c1\",\"type\":\"typing\",\"data\":\"{\\\"n\\\":1}\"}");
        await().atMost(WAIT).until(() -> !heard.isEmpty());
        assertThat(heard).containsExactly(new Ephemeral(StreamKey.conversation("c1"), EventTypes.TYPING, "{\"n\":1}"));
    }

    @Test
    void aNoticeWithAFieldThisVersionDoesNotKnowIsDelivered() throws SQLException {
        List<Ephemeral> heard = listening();
        notify("[{\"replica\":\"r2\",\"kind\":\"AGENTS\",\"type\":\"typing\",\"data\":\"{}\",\"priority\":3}]");
        await().atMost(WAIT).until(() -> !heard.isEmpty());
        assertThat(heard).containsExactly(new Ephemeral(StreamKey.AGENTS, EventTypes.TYPING, "{}"));
    }
}
