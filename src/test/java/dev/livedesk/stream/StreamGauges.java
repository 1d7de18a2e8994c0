package dev.livedesk.stream;

import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** What the hub's meters say, as an operator's scrape would read them. */
final class StreamGauges {

    private final MeterRegistry registry;

    StreamGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Open streams of one kind ({@code conversation}, {@code agents}, {@code status}) on this process. */
    int open(String kind) {
        return (int) registry.get("livedesk.streams.open").tag("kind", kind).gauge().value();
    }

    /**
     * Open streams of one kind once the count has stopped moving (the same over half a second): the baseline a test
     * measures its own streams against, after earlier tests' streams have finished closing.
     */
    int settled(String kind) {
        int[] last = {open(kind), 0};
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            int now = open(kind);
            last[1] = now == last[0] ? last[1] + 1 : 0;
            last[0] = now;
            return last[1] >= 5;
        });
        return last[0];
    }

    /** The largest backlog of any open connection, in events. */
    int maxPending() {
        return (int) registry.get("livedesk.streams.pending.max").gauge().value();
    }

    /** Connections cut off so far because their backlog overflowed. */
    long slowConsumerDisconnects() {
        return (long) registry.get("livedesk.slow.consumer.disconnects").counter().count();
    }
}
