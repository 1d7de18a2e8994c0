package dev.livedesk.chat.api;

import dev.livedesk.chat.service.ChatService;
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
 * One conversation's event stream, {@code GET /api/conversations/{id}/events} (described in
 * {@code META-INF/openapi.yaml}); a Vert.x route for the reason {@link StreamEndpoints} gives.
 */
@ApplicationScoped
public class ConversationStreamRoute {

    private final ChatService chat;
    private final StreamHub hub;
    private final StreamPermits permits;
    private final AuthService auth;

    public ConversationStreamRoute(ChatService chat, StreamHub hub, StreamPermits permits, AuthService auth) {
        this.auth = auth;
        this.chat = chat;
        this.hub = hub;
        this.permits = permits;
    }

    void register(@Observes Router router) {
        StreamEndpoints.serve(router, "/api/conversations/:id/events", Set.of(Roles.CUSTOMER, Roles.AGENT),
                this::open);
    }

    /** Everything is checked before the stream starts: once it has, an error can no longer become a response. */
    private void open(RoutingContext context, SecurityIdentity identity) {
        HttpServerRequest request = context.request();
        String id = context.pathParam("id");
        Caller caller = auth.conversation(AuthService.caller(identity), id);
        if (!caller.isAgent()) {
            // a customer's token outlives a conversation the memory store forgot in a restart: 404, so the widget
            // starts anew (for staff the inbox check has read the conversation already)
            chat.existing(id);
        }
        Long resume = StreamEndpoints.resumePoint(request);
        StreamPermits.Permit permit = permits.acquire(caller.credential(), request.remoteAddress().hostAddress());
        hub.open(StreamKey.conversation(id), resume, request, caller.expiresAt(), permit::release);
    }
}
