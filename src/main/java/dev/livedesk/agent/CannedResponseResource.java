package dev.livedesk.agent;

import dev.livedesk.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The canned responses, for agents' composers. */
@Path("/api/canned-responses")
@Produces(MediaType.APPLICATION_JSON)
public class CannedResponseResource {

    private final CannedResponses responses;

    public CannedResponseResource(CannedResponses responses) {
        this.responses = responses;
    }

    @GET
    @RolesAllowed(Roles.AGENT)
    public CannedResponses list() {
        return responses;
    }
}
