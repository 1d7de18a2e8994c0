package dev.livedesk.report;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * The reports page's address without its trailing slash: static files answer only {@code /agent/reports/} (the
 * directory's index.html), and people type and link {@code /agent/reports}.
 */
@Path("/agent/reports")
public class ReportPageResource {

    @GET
    @PermitAll
    public Response page() {
        return Response.status(Response.Status.PERMANENT_REDIRECT).location(URI.create("/agent/reports/")).build();
    }
}
