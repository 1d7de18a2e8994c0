package dev.livedesk.agent;

import dev.livedesk.inbox.InboxService;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The public desk status for the chat widget: a snapshot now, as JSON; its stream of every change is
 * {@link StatusStreamRoute}.
 */
@Path("/api/status")
public class StatusResource {

    private final StatusService status;
    private final InboxService inboxes;

    public StatusResource(StatusService status, InboxService inboxes) {
        this.status = status;
        this.inboxes = inboxes;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    public DeskStatus now(@QueryParam("websiteToken") String websiteToken) {
        return status.current(inboxes.forWebsiteToken(websiteToken));
    }
}
