package dev.livedesk.bot;

import dev.livedesk.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import dev.livedesk.web.Params;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;

/** What agents do about the assistant: read what it could not answer, and load a changed knowledge base. */
@Path("/api/assistant")
@Produces(MediaType.APPLICATION_JSON)
public class AssistantResource {

    private static final int MAX_DAYS = 90;
    private static final int DEFAULT_DAYS = 7;

    private final GapService gaps;
    private final KnowledgeService knowledge;

    public AssistantResource(GapService gaps, KnowledgeService knowledge) {
        this.gaps = gaps;
        this.knowledge = knowledge;
    }

    /** The most frequent unanswered questions of the last {@code days} days (1 to 90, default 7). */
    @GET
    @Path("/gaps")
    @RolesAllowed(Roles.AGENT)
    public GapService.Gaps gaps(@QueryParam("days") String days) {
        return gaps.gaps(days == null ? DEFAULT_DAYS : Params.count(days, "days", MAX_DAYS), Instant.now());
    }

    /** Loads the knowledge base again and swaps it in; a knowledge base that does not load leaves the old one. */
    @POST
    @Path("/reload")
    @RolesAllowed(Roles.AGENT)
    public KnowledgeService.Loaded reload() {
        return knowledge.reload();
    }
}
