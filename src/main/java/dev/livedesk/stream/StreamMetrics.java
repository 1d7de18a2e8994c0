package dev.livedesk.stream;

import dev.livedesk.event.StreamKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

/**
 * The stream hub's meters, named for Prometheus under {@code livedesk_}: events published and delivered,
 * slow-consumer disconnects, replays and resets, and the time from a live event reaching the hub to its bytes
 * reaching the sockets of its subscribers (one figure per event and event loop: when the loop's last write is done).
 *
 * <p>A singleton, and deliveries summed in a {@link LongAdder} that the registry reads when scraped: this is called
 * once per event per subscriber on the event loops, where a client proxy's scope lookup and a counter that walks
 * the composite registry's children on every increment would cost on every delivery.
 */
@Singleton
public class StreamMetrics {

    private final MeterRegistry registry;
    private final Counter published;
    private final LongAdder delivered = new LongAdder();
    private final Counter slowConsumers;
    private final Counter replays;
    private final Counter resets;
    private final Timer fanoutLatency;

    public StreamMetrics(MeterRegistry registry) {
        this.registry = registry;
        published = Counter.builder("livedesk.events.published").description("Durable events handed to the hub")
                .register(registry);
        FunctionCounter.builder("livedesk.events.delivered", delivered, LongAdder::sum)
                .description("Durable events written to subscribers, live or replayed").register(registry);
        slowConsumers = Counter.builder("livedesk.slow.consumer.disconnects")
                .description("Connections closed because their backlog overflowed").register(registry);
        replays = Counter.builder("livedesk.replays").description("Connects that replayed history").register(registry);
        resets = Counter.builder("livedesk.resets").description("Replays that began with a reset event")
                .register(registry);
        fanoutLatency = Timer.builder("livedesk.fanout.latency")
                .description("From a live event reaching the hub to its bytes reaching the socket of the last "
                        + "subscriber written on each event loop")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    /**
     * Registers the gauge of the largest backlog any open connection has (events written but not yet flushed to its
     * socket), read at scrape time: near {@code livedesk.stream.max-pending}, clients are about to be cut off.
     */
    void gaugeMaxPending(IntSupplier largest) {
        Gauge.builder("livedesk.streams.pending.max", largest::getAsInt)
                .description("The largest backlog of any open stream connection, in events").register(registry);
    }

    /** Registers the open-streams gauge, by kind, over whatever counts the streams. */
    void gaugeOpenStreams(ToIntFunction<StreamKey.Kind> open) {
        for (StreamKey.Kind kind : StreamKey.Kind.values()) {
            registry.gauge("livedesk.streams.open", Tags.of("kind", kind.name().toLowerCase()), kind,
                    k -> open.applyAsInt(k));
        }
    }

    void published() {
        published.increment();
    }

    /** A durable event reached a subscriber's socket {@code sinceNanos} after it reached the hub (0: not timed). */
    void delivered(long sinceNanos) {
        delivered.increment();
        if (sinceNanos > 0) {
            fanoutLatency.record(System.nanoTime() - sinceNanos, TimeUnit.NANOSECONDS);
        }
    }

    void slowConsumer() {
        slowConsumers.increment();
    }

    void replayed(boolean reset) {
        replays.increment();
        if (reset) {
            resets.increment();
        }
    }
}
