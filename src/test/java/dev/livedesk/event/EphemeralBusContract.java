package dev.livedesk.event;

import dev.livedesk.store.Stores;
import dev.livedesk.store.StoresFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What every {@link EphemeralBus} promises, run against each implementation. */
public abstract class EphemeralBusContract extends StoresFixture {

    private static final String PROBE = "probe";

    /**
     * Best effort allows losses while a bus connects: {@code publisher} publishes probes until {@code listener} hears
     * one, and what {@code listener} hears from then on is returned, probes left out.
     */
    private static List<Ephemeral> connected(Stores listener, Stores publisher) {
        List<Ephemeral> probes = new CopyOnWriteArrayList<>();
        List<Ephemeral> heard = new CopyOnWriteArrayList<>();
        listener.bus().addListener(event -> (PROBE.equals(event.type()) ? probes : heard).add(event));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            publisher.bus().publish(new Ephemeral(StreamKey.STATUS, PROBE, "{}"));
            return !probes.isEmpty();
        });
        return heard;
    }

    protected EphemeralBusContract(Storage storage) {
        super(storage);
    }

    @Test
    void eventsReachThisProcessInTheOrderPublished() {
        Stores stores = stores();
        List<Ephemeral> heard = connected(stores, stores);
        List<Ephemeral> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Ephemeral typing = new Ephemeral(StreamKey.conversation("c1"), EventTypes.TYPING, "{\"n\":" + i + "}");
            sent.add(typing);
            stores.bus().publish(typing);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() >= sent.size());
        assertThat(heard).containsExactlyElementsOf(sent);
    }

    @Test
    void everyStreamKindAndALargePayloadArriveUnchanged() {
        Stores stores = stores();
        List<Ephemeral> heard = connected(stores, stores);
        List<Ephemeral> sent = List.of(
                new Ephemeral(StreamKey.AGENTS, EventTypes.MESSAGE_DELTA, "{\"delta\":\"你好 \\n\"}"),
                new Ephemeral(StreamKey.STATUS, "status", "{\"agentsOnline\":1}"),
                new Ephemeral(StreamKey.conversation("c1"), EventTypes.TYPING, "{\"x\":\"" + "y".repeat(9000) + "\"}"));
        sent.forEach(stores.bus()::publish);
        await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() >= sent.size());
        assertThat(heard).containsExactlyInAnyOrderElementsOf(sent);
    }

    private static List<Ephemeral> typing(int count, int padding) {
        List<Ephemeral> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new Ephemeral(StreamKey.conversation("c" + i % 7), EventTypes.TYPING,
                    "{\"n\":" + i + ",\"pad\":\"" + "é".repeat(padding) + "\"}"));
        }
        return events;
    }

    @Test
    void anEventsInboxReachesAnotherProcess() {
        Stores stores = stores();
        List<Ephemeral> heard = connected(elsewhere(stores), stores);
        Ephemeral viewing = new Ephemeral(StreamKey.AGENTS, EventTypes.VIEWING, "{}", "shop-b");
        stores.bus().publish(viewing);
        await().atMost(Duration.ofSeconds(10)).until(() -> !heard.isEmpty());
        assertThat(heard).containsExactly(viewing);
    }

    @Test
    void aBurstLargerThanOneNotificationReachesAnotherProcessWholeAndInOrder() {
        Stores stores = stores();
        Stores other = elsewhere(stores);
        List<Ephemeral> heard = connected(other, stores);
        List<Ephemeral> sent = typing(400, 40);
        sent.forEach(stores.bus()::publish);
        await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() >= sent.size());
        assertThat(heard).containsExactlyElementsOf(sent);
    }

    /**
     * Ordered by the other process: once this one hears a marker the other published after hearing the event, any
     * copy of the event on its way back to this process has arrived before the marker.
     */
    @Test
    void aProcessHearsItsOwnEventOnce() {
        Stores stores = stores();
        Stores other = elsewhere(stores);
        List<Ephemeral> here = connected(stores, other);
        List<Ephemeral> there = connected(other, stores);
        Ephemeral typing = new Ephemeral(StreamKey.conversation("c1"), EventTypes.TYPING, "{\"n\":1}");
        stores.bus().publish(typing);
        await().atMost(Duration.ofSeconds(10)).until(() -> there.contains(typing));
        Ephemeral marker = new Ephemeral(StreamKey.STATUS, "status", "{\"marker\":true}");
        other.bus().publish(marker);
        await().atMost(Duration.ofSeconds(10)).until(() -> here.contains(marker));
        assertThat(here).filteredOn(typing::equals).hasSize(1);
    }
}
