package dev.livedesk.agent;

import dev.livedesk.Clocks;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livedesk.auth.AgentDirectory;
import dev.livedesk.chat.service.ChatEvents;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.store.Stores;
import dev.livedesk.store.memory.MemoryStores;
import dev.livedesk.stream.StreamHub;
import dev.livedesk.stream.StreamMetrics;
import dev.livedesk.support.RecordedEvent;
import dev.livedesk.support.TestConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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

    @Test
    void itsGaugesCanBeReadTheMomentTheyAreRegistered() {
        LiveDeskConfig config = TestConfig.defaults();
        SamplingRegistry registry = new SamplingRegistry();
        AgentDirectory directory = new AgentDirectory(config);
        ChatEvents events = new ChatEvents(new ObjectMapper(), directory);
        PresenceService presence = new PresenceService(directory, stores.presence(), stores.conversations(), events,
                new RecordedEvent<>(new ArrayList<>()), config);
        StreamHub hub = new StreamHub(config, stores.events(), stores.bus(), new StreamMetrics(new SimpleMeterRegistry()));

        StatusService status = new StatusService(stores.conversations(), presence, hub, events, config, registry,
                Clocks.system());
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
