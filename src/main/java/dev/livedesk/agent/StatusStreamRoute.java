package dev.livedesk.agent;

import dev.livedesk.inbox.Inbox;
import dev.livedesk.inbox.InboxService;
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
 * An inbox's desk status stream, {@code GET /api/status/events?websiteToken=} (the default inbox's without one) (described in {@code META-INF/openapi.yaml}); a Vert.x
 * route for the reason {@link StreamEndpoints} gives. Needs no credential: it shows only counts.
 */
@ApplicationScoped
public class StatusStreamRoute {

    private final StatusService status;
    private final StreamHub hub;
    private final StreamPermits permits;
    private final InboxService inboxes;

    public StatusStreamRoute(StatusService status, StreamHub hub, StreamPermits permits, InboxService inboxes) {
        this.inboxes = inboxes;
        this.status = status;
        this.hub = hub;
        this.permits = permits;
    }

    void register(@Observes Router router) {
        StreamEndpoints.serve(router, "/api/status/events", Set.of(), this::open);
    }

    private void open(RoutingContext context, SecurityIdentity anyone) {
        Inbox inbox = inboxes.forWebsiteToken(context.request().query() == null ? null
                : context.request().getParam("websiteToken"));
        StreamPermits.Permit permit = permits.acquire(null, context.request().remoteAddress().hostAddress());
        hub.openSnapshots(StreamKey.status(inbox.id()), context.request(), "status", () -> status.snapshot(inbox),
                permit::release);
    }
}
