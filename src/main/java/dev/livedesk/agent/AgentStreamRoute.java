package dev.livedesk.agent;

import dev.livedesk.auth.AgentAccount;
import dev.livedesk.auth.AgentDirectory;
import dev.livedesk.auth.AuthService;
import dev.livedesk.auth.Caller;
import dev.livedesk.auth.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.Set;
import dev.livedesk.event.StreamKey;
import dev.livedesk.stream.StreamEndpoints;
import dev.livedesk.stream.StreamHub;
import dev.livedesk.stream.StreamPermits;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The agents' event stream, {@code GET /api/agents/events} (described in {@code META-INF/openapi.yaml}); a Vert.x
 * route for the reason {@link StreamEndpoints} gives. An agent counts as connected while it is open. It carries the
 * events of the inboxes the agent belongs to when each event goes out (every inbox's for an admin), and the events of
 * no inbox (agents' statuses).
 */
@ApplicationScoped
public class AgentStreamRoute {

    private final AgentDirectory directory;
    private final StreamHub hub;
    private final PresenceService presence;
    private final StreamPermits permits;
    private final AuthService auth;

    public AgentStreamRoute(AgentDirectory directory, StreamHub hub, PresenceService presence,
                            StreamPermits permits, AuthService auth) {
        this.auth = auth;
        this.directory = directory;
        this.hub = hub;
        this.presence = presence;
        this.permits = permits;
    }

    void register(@Observes Router router) {
        StreamEndpoints.serve(router, "/api/agents/events", Set.of(Roles.AGENT), this::open);
    }

    private void open(RoutingContext context, SecurityIdentity identity) {
        HttpServerRequest request = context.request();
        Caller caller = AuthService.caller(identity);
        AgentAccount agent = directory.account(caller);
        Long resume = StreamEndpoints.resumePoint(request);
        StreamPermits.Permit permit = permits.acquire(caller.credential(), request.remoteAddress().hostAddress());
        try {
            presence.connected(agent);
        } catch (RuntimeException failed) {
            permit.release();
            throw failed;
        }
        hub.open(StreamKey.AGENTS, resume, request, caller.expiresAt(), auth.streamFilter(caller), () -> {
            permit.release();
            presence.disconnected(agent);
        });
    }
}
