package dev.livedesk.chat;

import dev.livedesk.auth.AgentAccount;
import dev.livedesk.auth.AgentDirectory;
import dev.livedesk.auth.AuthService;
import dev.livedesk.auth.Caller;
import dev.livedesk.auth.Role;
import dev.livedesk.error.DeskException;
import dev.livedesk.event.StreamKey;
import dev.livedesk.stream.ResumePoint;
import dev.livedesk.stream.StreamHub;
import dev.livedesk.stream.StreamPermits;
import dev.livedesk.web.RateLimits;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** HTTP face of conversations: start, read, post, and the conversation's event stream. */
@Path("/api/conversations")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationResource {

    private final ChatService chat;
    private final LifecycleService lifecycle;
    private final TypingService typing;
    private final AgentDirectory agents;
    private final AuthService auth;
    private final StreamHub hub;
    private final StreamPermits permits;
    private final RateLimits limits;

    public ConversationResource(ChatService chat, LifecycleService lifecycle, TypingService typing,
                                AgentDirectory agents, AuthService auth, StreamHub hub, StreamPermits permits,
                                RateLimits limits) {
        this.permits = permits;
        this.limits = limits;
        this.chat = chat;
        this.lifecycle = lifecycle;
        this.typing = typing;
        this.agents = agents;
        this.auth = auth;
        this.hub = hub;
    }

    private static ConversationStatus parseStatus(String status) {
        try {
            return ConversationStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw DeskException.invalid("invalid-status", "status must be one of BOT, QUEUED, ASSIGNED, RESOLVED");
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(StartConversationRequest request, @Context UriInfo uri,
                          @Context HttpServerRequest http) {
        limits.conversation(http.remoteAddress().hostAddress());
        ConversationStarted started = chat.start(request);
        return Response.created(uri.getAbsolutePathBuilder().path(started.conversation().id()).build())
                .cookie(auth.cookie(Role.CUSTOMER, started.token()))
                .entity(started)
                .build();
    }

    /** The queue and the inbox, for agents: {@code ?status=QUEUED}, {@code ?assignee=me}, or both. */
    @GET
    public ConversationList list(@QueryParam("status") String status, @QueryParam("assignee") String assignee,
                                 @Context HttpHeaders headers) {
        Caller agent = auth.requireAgent(headers);
        ConversationStatus wanted = status == null || status.isEmpty() ? null : parseStatus(status);
        String assigneeId = assignee == null || assignee.isEmpty() ? null : "me".equals(assignee) ? agent.id() : assignee;
        return chat.listFrom(wanted, assigneeId);
    }

    /** An agent claims the conversation, or gives it to another agent ({@code {"agentId"}}). */
    @POST
    @Path("/{id}/assign")
    public ConversationState assign(@PathParam("id") String id, AssignRequest request, @Context HttpHeaders headers) {
        Caller caller = auth.requireAgent(headers);
        chat.existing(id);
        String target = request == null || request.agentId() == null ? caller.id() : request.agentId();
        AgentAccount agent = agents.find(target)
                .orElseThrow(() -> DeskException.invalid("unknown-agent", "No agent " + target));
        lifecycle.assign(id, agent, caller.id());
        return chat.state(id);
    }

    /** The conversation's customer or an agent closes it. */
    @POST
    @Path("/{id}/resolve")
    public ConversationState resolve(@PathParam("id") String id, @Context HttpHeaders headers) {
        auth.requireConversation(headers, id);
        chat.existing(id);
        lifecycle.resolve(id);
        return chat.state(id);
    }

    /** Starts, refreshes or stops the caller's typing indicator. */
    @POST
    @Path("/{id}/typing")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response typing(@PathParam("id") String id, TypingRequest request, @Context HttpHeaders headers) {
        Caller caller = auth.requireConversation(headers, id);
        chat.existing(id);
        if (request == null || request.typing() == null) {
            throw DeskException.invalid("invalid-typing", "typing must be true or false");
        }
        limits.typing(caller.credential());
        typing.typing(caller, id, request.typing());
        return Response.noContent().build();
    }

    /** Marks the conversation read by the caller's side up to an event id. */
    @POST
    @Path("/{id}/read")
    @Consumes(MediaType.APPLICATION_JSON)
    public ConversationState read(@PathParam("id") String id, ReadRequest request, @Context HttpHeaders headers) {
        Caller caller = auth.requireConversation(headers, id);
        return chat.read(caller, id, request);
    }

    @GET
    @Path("/{id}")
    public ConversationState get(@PathParam("id") String id, @Context HttpHeaders headers) {
        auth.requireConversation(headers, id);
        return chat.state(id);
    }

    @GET
    @Path("/{id}/messages")
    public MessagePage messages(@PathParam("id") String id, @QueryParam("after") String after,
                                @QueryParam("limit") String limit, @Context HttpHeaders headers) {
        auth.requireConversation(headers, id);
        return chat.messages(id, after, limit);
    }

    @POST
    @Path("/{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response post(@PathParam("id") String id, PostMessageRequest request, @Context HttpHeaders headers) {
        Caller caller = auth.requireConversation(headers, id);
        limits.message(caller.credential());
        PostedMessage posted = chat.post(caller, id, request);
        return Response.status(posted.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(posted.entry())
                .build();
    }

    /** Everything is checked before the stream starts: once it has, an error can no longer become a response. */
    @Operation(summary = "One conversation as Server-Sent Events", description = "Replays the retained history after Last-Event-ID (header) or lastEventId (query), then streams live. Durable events (with id): message {conversationId, message}, conversation {conversationId, change: created|queued|assigned|resolved|reopened, conversation}, agent-status {agentId, name, status, openConversations}, read {conversationId, reader, upTo}. Ephemeral (no id): typing {conversationId, sender, typing}, message-delta {conversationId, draftId, delta, done, cancelled?}, reset {reason, lastEventId}. Starts with retry:, sends a : comment heartbeat. 401/403/404/400/429 before the stream starts.")
    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    public void events(@PathParam("id") String id,
                       @HeaderParam("Last-Event-ID") String lastEventIdHeader,
                       @QueryParam("lastEventId") String lastEventIdQuery,
                       @Context HttpHeaders headers,
                       @Context SseEventSink sink,
                       @Context HttpServerRequest request,
                       @Context HttpServerResponse response) {
        Caller caller = auth.requireConversation(headers, id);
        chat.existing(id);
        Long resume = ResumePoint.of(lastEventIdHeader, lastEventIdQuery);
        StreamPermits.Permit permit = permits.acquire(caller.credential(), request.remoteAddress().hostAddress());
        hub.open(StreamKey.conversation(id), resume, sink, response, caller.expiresAt(), permit::release);
    }
}
