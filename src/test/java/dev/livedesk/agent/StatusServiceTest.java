package dev.livedesk.agent;

import dev.livedesk.Clocks;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livedesk.auth.AgentDirectory;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.service.ChatEvents;
import dev.livedesk.event.EventDraft;
import dev.livedesk.event.EventTypes;
import dev.livedesk.inbox.Inbox;
import dev.livedesk.inbox.InboxHours;
import dev.livedesk.inbox.InboxRequest;
import dev.livedesk.inbox.InboxService;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.store.Stores;
import dev.livedesk.store.memory.MemoryStores;
import dev.livedesk.stream.StreamHub;
import dev.livedesk.stream.StreamMetrics;
import dev.livedesk.support.RecordedEvent;
import dev.livedesk.support.TestConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

class StatusServiceTest {

    private final Stores stores = MemoryStores.create(100);

    @AfterEach
    void close() throws Exception {
        stores.close();
    }

    /** Monday 2026-12-07, noon UTC. */
    private static final Instant MONDAY_NOON = Instant.parse("2026-12-07T12:00:00Z");
    private final LiveDeskConfig config = TestConfig.defaults();
    private final AgentDirectory directory = new AgentDirectory(config);
    private final InboxService inboxes = new InboxService(stores.inboxes(), directory, stores.bus(), config,
            Clocks.system());

    private StatusService service(MeterRegistry registry, Clock clock) {
        ChatEvents events = new ChatEvents(new ObjectMapper(), directory);
        PresenceService presence = new PresenceService(directory, stores.presence(), stores.conversations(), events,
                new RecordedEvent<>(new ArrayList<>()), config);
        StreamHub hub = new StreamHub(config, stores.events(), stores.bus(), new StreamMetrics(new SimpleMeterRegistry()));
        return new StatusService(stores.conversations(), presence, hub, events, inboxes, inboxes, config, registry,
                clock);
    }

    private Inbox inbox(InboxHours hours) {
        String id = inboxes.create(new InboxRequest("Shop B", List.of(), false, null, null, hours)).id();
        return inboxes.all().stream().filter(inbox -> inbox.id().equals(id)).findFirst().orElseThrow();
    }

    private void queued(String id, Inbox inbox) {
        stores.conversations().createConversation(Conversation.open(id, "cust-" + id, "Ann", null,
                ConversationStatus.QUEUED, MONDAY_NOON).inInbox(inbox.id()),
                List.of(new EventDraft(EventTypes.CONVERSATION, id, "{}")));
    }

    @Test
    void anInboxWithItsOwnHoursSaysWhenItOpens() {
        StatusService status = service(new SimpleMeterRegistry(), Clock.fixed(MONDAY_NOON, ZoneOffset.UTC));
        Inbox saturdays = inbox(new InboxHours("UTC", "sat 10:00-14:00"));

        assertThat(status.current(saturdays).open()).isFalse();
        assertThat(status.current(saturdays).opensAt()).isEqualTo(Instant.parse("2026-12-12T10:00:00Z"));
        assertThat(status.current(inboxes.forWebsiteToken(null)).opensAt()).isNull();
    }

    @Test
    void eachInboxCountsOnlyItsOwnQueue() {
        StatusService status = service(new SimpleMeterRegistry(), Clock.fixed(MONDAY_NOON, ZoneOffset.UTC));
        Inbox shopB = inbox(null);
        Inbox main = inboxes.forWebsiteToken(null);
        queued("b1", shopB);
        queued("b2", shopB);
        queued("m1", main);

        assertThat(status.current(shopB).queueLength()).isEqualTo(2);
        assertThat(status.current(main).queueLength()).isEqualTo(1);
    }

    @Test
    void itsGaugesCanBeReadTheMomentTheyAreRegistered() {
        SamplingRegistry registry = new SamplingRegistry();

        StatusService status = service(registry, Clocks.system());
        status.start();

        assertThat(registry.failures).isEmpty();
        assertThat(registry.sampled).containsExactly(0.0, 0.0);
        assertThat(registry.get("livedesk.queue.length").gauge().value()).isZero();
    }

    /** Reads every gauge once as it is registered, as a scrape on another thread at that moment would. */
    private static final class SamplingRegistry extends SimpleMeterRegistry {
        final List<Double> sampled = new CopyOnWriteArrayList<>();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();

        @Override
        protected <T> Gauge newGauge(Meter.Id id, T obj, ToDoubleFunction<T> valueFunction) {
            try {
                sampled.add(valueFunction.applyAsDouble(obj));
            } catch (RuntimeException e) {
                failures.add(e);
            }
            return super.newGauge(id, obj, valueFunction);
        }
    }
}
