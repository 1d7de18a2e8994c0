package dev.livedesk.agent;

import dev.livedesk.event.StreamKey;
import dev.livedesk.stream.StreamEndpoints;
import dev.livedesk.stream.StreamHub;
import dev.livedesk.stream.StreamPermits;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Set;

/**
 * The desk status stream, {@code GET /api/status/events} (described in {@code META-INF/openapi.yaml}); a Vert.x
 * route for the reason {@link StreamEndpoints} gives. Needs no credential: it shows only counts.
 */
@ApplicationScoped
public class StatusStreamRoute {

    private final StatusService status;
    private final StreamHub hub;
    private final StreamPermits permits;

    public StatusStreamRoute(StatusService status, StreamHub hub, StreamPermits permits) {
        this.status = status;
        this.hub = hub;
        this.permits = permits;
    }

    void register(@Observes Router router) {
        StreamEndpoints.serve(router, "/api/status/events", Set.of(), this::open);
    }

    private void open(RoutingContext context, SecurityIdentity anyone) {
        StreamPermits.Permit permit = permits.acquire(null, context.request().remoteAddress().hostAddress());
        hub.openSnapshots(StreamKey.STATUS, context.request(), "status", status::snapshot, permit::release);
    }
}
