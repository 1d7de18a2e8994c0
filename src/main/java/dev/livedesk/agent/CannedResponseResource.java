package dev.livedesk.agent;

import dev.livedesk.auth.AuthService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** The canned responses, for agents' composers. */
@Path("/api/canned-responses")
@Produces(MediaType.APPLICATION_JSON)
public class CannedResponseResource {

    private final CannedResponses responses;
    private final AuthService auth;

    public CannedResponseResource(CannedResponses responses, AuthService auth) {
        this.responses = responses;
        this.auth = auth;
    }

    @GET
    public CannedResponses list(@Context HttpHeaders headers) {
        auth.requireAgent(headers);
        return responses;
    }
}
