package dev.livedesk.agent;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The public desk status for the chat widget: a snapshot now, as JSON; its stream of every change is
 * {@link StatusStreamRoute}.
 */
@Path("/api/status")
public class StatusResource {

    private final StatusService status;

    public StatusResource(StatusService status) {
        this.status = status;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    public DeskStatus now() {
        return status.current();
    }
}
