package dev.livedesk.inbox;

import dev.livedesk.auth.AuthService;
import dev.livedesk.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** Inboxes: admins manage them; agents read the ones they belong to. */
@Path("/api/inboxes")
@Produces(MediaType.APPLICATION_JSON)
public class InboxResource {

    private final InboxService inboxes;
    private final AuthService auth;

    public InboxResource(InboxService inboxes, AuthService auth) {
        this.inboxes = inboxes;
        this.auth = auth;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response create(InboxRequest request) {
        return Response.status(Response.Status.CREATED).entity(Map.of("inbox", inboxes.create(request))).build();
    }

    @GET
    @RolesAllowed(Roles.AGENT)
    public Map<String, List<InboxView>> list() {
        return Map.of("inboxes", inboxes.visibleTo(auth.caller()));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Map<String, InboxView> update(@PathParam("id") String id, InboxRequest request) {
        return Map.of("inbox", inboxes.update(id, request));
    }

    @PUT
    @Path("/{id}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Map<String, InboxView> members(@PathParam("id") String id, MembersRequest request) {
        return Map.of("inbox", inboxes.setMembers(id, request));
    }
}
