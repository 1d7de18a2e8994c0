package dev.livedesk.report;

import dev.livedesk.auth.AuthService;
import dev.livedesk.auth.InboxScope;
import dev.livedesk.auth.Roles;
import dev.livedesk.error.DeskException;
import dev.livedesk.inbox.InboxService;
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
import java.util.Set;

/**
 * The team's reports, for supervisors only; the range and zone are checked before anything is read. A supervisor's
 * reports cover the inboxes they belong to (an admin's every inbox); {@code ?inbox=} picks one of them.
 */
@Path("/api/reports")
public class ReportResource {

    private final ReportService reports;
    private final AuthService auth;
    private final InboxService inboxes;

    public ReportResource(ReportService reports, AuthService auth, InboxService inboxes) {
        this.reports = reports;
        this.auth = auth;
        this.inboxes = inboxes;
    }

    /**
     * The inboxes a report covers: the one asked for, which must be the caller's (403 otherwise, 404 when there is no
     * such inbox), or all of the caller's.
     */
    private Set<String> inboxes(String inbox) {
        InboxScope scope = auth.scope(auth.caller());
        if (inbox == null || inbox.isEmpty()) {
            return scope.inboxIds();
        }
        if (!inboxes.exists(inbox)) {
            throw DeskException.notFound("No such inbox");
        }
        if (!scope.includes(inbox)) {
            throw DeskException.forbidden("You are not a member of that inbox");
        }
        return Set.of(inbox);
    }

    @GET
    @Path("/summary")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERVISOR)
    public ReportSummary summary(@QueryParam("from") String from, @QueryParam("to") String to,
                                 @QueryParam("tz") String tz, @QueryParam("inbox") String inbox) {
        ReportRange range = ReportRange.parse(from, to, tz, Instant.now());
        return reports.summary(range, inboxes(inbox));
    }

    @GET
    @Path("/conversations.csv")
    @Produces("text/csv; charset=UTF-8")
    @RolesAllowed(Roles.SUPERVISOR)
    public Response csv(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("tz") String tz,
                        @QueryParam("inbox") String inbox) {
        ReportRange range = ReportRange.parse(from, to, tz, Instant.now());
        Set<String> inboxIds = inboxes(inbox);
        StreamingOutput body = output -> reports.csv(range, inboxIds,
                new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8)));
        return Response.ok(body)
                .header("Content-Disposition", "attachment; filename=\"conversations-" + range.from() + "-"
                        + range.to() + ".csv\"")
                .build();
    }
}
