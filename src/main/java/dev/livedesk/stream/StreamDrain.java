package dev.livedesk.stream;

import dev.livedesk.config.LiveDeskConfig;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Graceful shutdown. On SIGTERM, while the HTTP server still serves: readiness turns DOWN (so the load balancer
 * stops sending new clients), new streams are refused with 503, and open streams are closed at random moments
 * spread over {@code livedesk.shutdown.drain}; their clients reconnect, with Last-Event-ID, to another replica.
 * Requests in flight complete. Shutdown waits for the drain, then goes on.
 */
@Readiness
@ApplicationScoped
public class StreamDrain implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(StreamDrain.class);
    /** Time beyond the drain for the last closes to be written. */
    private static final Duration SLACK = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(50);

    private final StreamHub hub;
    private final StreamPermits permits;
    private final Duration drain;

    public StreamDrain(StreamHub hub, StreamPermits permits, LiveDeskConfig config) {
        this.hub = hub;
        this.permits = permits;
        this.drain = config.shutdown().drain();
    }

    /**
     * Quarkus' shutdown delay ({@code quarkus.shutdown.delay}, set to the drain) has begun: the server still serves
     * for that long while readiness is DOWN, which is the drain's time.
     */
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        start();
    }

    /** Without a shutdown delay (dev mode), drain here and wait; the server takes no new connections by now. */
    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        if (!permits.draining()) {
            start();
            long deadline = System.nanoTime() + drain.plus(SLACK).toNanos();
            while (hub.subscriberCount() > 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(POLL.toNanos());
            }
        }
    }

    private void start() {
        permits.stopAdmitting();
        LOG.infof("Draining %d streams over %s", hub.subscriberCount(), drain);
        hub.drain(drain);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("drain").status(!permits.draining()).build();
    }
}
