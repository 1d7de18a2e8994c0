package dev.livedesk.agent;

import dev.livedesk.auth.Role;
import dev.livedesk.auth.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import dev.livedesk.auth.AgentAccount;
import dev.livedesk.auth.AgentDirectory;
import dev.livedesk.auth.AuthService;
import dev.livedesk.auth.LoginGuard;
import dev.livedesk.auth.TokenService;
import dev.livedesk.chat.service.ChatService;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.error.DeskException;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** HTTP face of agents: login, and the agents' stream of every conversation's events. */
@Path("/api/agents")
@Produces(MediaType.APPLICATION_JSON)
public class AgentResource {

    private final AgentDirectory directory;
    private final TokenService tokens;
    private final AuthService auth;
    private final PresenceService presence;
    private final ChatService chat;
    private final LoginGuard guard;

    public AgentResource(AgentDirectory directory, TokenService tokens, AuthService auth,
                         PresenceService presence, ChatService chat, LoginGuard guard) {
        this.guard = guard;
        this.directory = directory;
        this.tokens = tokens;
        this.auth = auth;
        this.presence = presence;
        this.chat = chat;
    }

    /** Every agent with status and load, for agents (e.g. to pick whom to transfer to). */
    @GET
    @RolesAllowed(Roles.AGENT)
    public List<AgentView> agents() {
        return directory.all().stream().map(this::view).toList();
    }

    /** The calling agent, e.g. for a console that reloads with only its cookie. */
    @GET
    @Path("/me")
    @RolesAllowed(Roles.AGENT)
    public AgentView me() {
        return view(directory.account(auth.caller()));
    }

    /** Sets the calling agent's status. */
    @PUT
    @Path("/me/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AGENT)
    public AgentView status(StatusRequest request) {
        AgentAccount agent = directory.account(auth.caller());
        if (request == null || request.status() == null) {
            throw DeskException.invalid("invalid-status", "status must be ONLINE, AWAY or OFFLINE");
        }
        AgentStatus status;
        try {
            status = AgentStatus.valueOf(request.status());
        } catch (IllegalArgumentException e) {
            throw DeskException.invalid("invalid-status", "status must be ONLINE, AWAY or OFFLINE");
        }
        presence.set(agent, status);
        return view(agent);
    }

    private AgentView view(AgentAccount agent) {
        return new AgentView(agent.id(), agent.displayName(), agent.role(), presence.status(agent.id()),
                chat.list(ConversationStatus.ASSIGNED, agent.id()).size());
    }

    /**
     * Signs this browser out: the agent cookie is expired. The token itself stays valid until it expires (tokens are
     * stateless), so a client holding it as a Bearer header should drop it too.
     */
    @POST
    @Path("/logout")
    @PermitAll
    public Response logout() {
        return Response.noContent().cookie(auth.expiredCookie(Role.AGENT)).build();
    }

    /** bcrypt is slow on purpose, so the check runs on a worker thread. */
    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @PermitAll
    public Response login(LoginRequest request) {
        if (request == null || request.username() == null || request.password() == null) {
            throw DeskException.invalid("invalid-body", "username and password are required");
        }
        guard.check(request.username());
        AgentAccount agent = directory.authenticate(request.username(), request.password()).orElse(null);
        if (agent == null) {
            guard.failed(request.username());
            throw DeskException.unauthorized("Unknown username or wrong password");
        }
        guard.succeeded(request.username());
        String token = tokens.issueAgent(agent.username(), agent.displayName(), agent.role());
        return Response.ok(new LoginResponse(agent, token)).cookie(auth.cookie(agent.role(), token)).build();
    }
}
