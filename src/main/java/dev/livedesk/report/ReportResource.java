package dev.livedesk.report;

import dev.livedesk.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The team's reports, for supervisors only; the range and zone are checked before anything is read. */
@Path("/api/reports")
public class ReportResource {

    private final ReportService reports;

    public ReportResource(ReportService reports) {
        this.reports = reports;
    }

    @GET
    @Path("/summary")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERVISOR)
    public ReportSummary summary(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("tz") String tz) {
        return reports.summary(ReportRange.parse(from, to, tz, Instant.now()));
    }

    @GET
    @Path("/conversations.csv")
    @Produces("text/csv; charset=UTF-8")
    @RolesAllowed(Roles.SUPERVISOR)
    public Response csv(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("tz") String tz) {
        ReportRange range = ReportRange.parse(from, to, tz, Instant.now());
        StreamingOutput body = output -> reports.csv(range,
                new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8)));
        return Response.ok(body)
                .header("Content-Disposition", "attachment; filename=\"conversations-" + range.from() + "-"
                        + range.to() + ".csv\"")
                .build();
    }
}
