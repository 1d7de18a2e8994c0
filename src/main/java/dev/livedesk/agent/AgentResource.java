package dev.livedesk.agent;

import dev.livedesk.auth.AgentAccount;
import dev.livedesk.auth.AgentDirectory;
import dev.livedesk.auth.AuthService;
import dev.livedesk.auth.Role;
import dev.livedesk.auth.TokenService;
import dev.livedesk.store.StreamKey;
import dev.livedesk.stream.ResumePoint;
import dev.livedesk.stream.StreamHub;
import dev.livedesk.web.ApiException;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.SseEventSink;

/** HTTP face of agents: login, and the agents' stream of every conversation's events. */
@Path("/api/agents")
@Produces(MediaType.APPLICATION_JSON)
public class AgentResource {

    private final AgentDirectory directory;
    private final TokenService tokens;
    private final AuthService auth;
    private final StreamHub hub;

    public AgentResource(AgentDirectory directory, TokenService tokens, AuthService auth, StreamHub hub) {
        this.directory = directory;
        this.tokens = tokens;
        this.auth = auth;
        this.hub = hub;
    }

    /** bcrypt is slow on purpose, so the check runs on a worker thread. */
    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    public Response login(LoginRequest request) {
        if (request == null || request.username() == null || request.password() == null) {
            throw ApiException.badRequest("invalid-body", "username and password are required");
        }
        AgentAccount agent = directory.authenticate(request.username(), request.password())
                .orElseThrow(() -> ApiException.unauthorized("Unknown username or wrong password"));
        String token = tokens.issueAgent(agent.username(), agent.displayName());
        return Response.ok(new LoginResponse(agent, token)).cookie(auth.cookie(Role.AGENT, token)).build();
    }

    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    public void events(@HeaderParam("Last-Event-ID") String lastEventIdHeader,
                       @QueryParam("lastEventId") String lastEventIdQuery,
                       @Context HttpHeaders headers,
                       @Context SseEventSink sink,
                       @Context HttpServerResponse response) {
        auth.requireAgent(headers);
        Long resume = ResumePoint.of(lastEventIdHeader, lastEventIdQuery);
        hub.open(StreamKey.AGENTS, resume, sink, response);
    }
}
