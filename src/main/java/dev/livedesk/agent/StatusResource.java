package dev.livedesk.agent;

import dev.livedesk.event.StreamKey;
import dev.livedesk.stream.StreamHub;
import dev.livedesk.stream.StreamPermits;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The public desk status for the chat widget: a snapshot now, as JSON or as a stream of every change. */
@Path("/api/status")
public class StatusResource {

    private final StatusService status;
    private final StreamHub hub;
    private final StreamPermits permits;

    public StatusResource(StatusService status, StreamHub hub, StreamPermits permits) {
        this.permits = permits;
        this.status = status;
        this.hub = hub;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public DeskStatus now() {
        return status.current();
    }

    /** Needs no credential: it shows only counts. */
    @Operation(summary = "Desk status as Server-Sent Events", description = "A status event {agentsOnline, queueLength, estimatedWaitSeconds} on connect and on every change; no ids, no replay. Needs no credential.")
    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    public void events(@Context SseEventSink sink, @Context HttpServerRequest request) {
        StreamPermits.Permit permit = permits.acquire(null, request.remoteAddress().hostAddress());
        hub.openSnapshots(StreamKey.STATUS, sink, request, "status", status::snapshot, permit::release);
    }
}
