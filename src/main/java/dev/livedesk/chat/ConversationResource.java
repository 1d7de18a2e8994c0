package dev.livedesk.chat;

import dev.livedesk.auth.AuthService;
import dev.livedesk.auth.Caller;
import dev.livedesk.auth.Role;
import dev.livedesk.store.StreamKey;
import dev.livedesk.stream.ResumePoint;
import dev.livedesk.stream.StreamHub;
import io.smallrye.common.annotation.Blocking;
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

/** HTTP face of conversations: start, read, post, and the conversation's event stream. */
@Path("/api/conversations")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationResource {

    private final ChatService chat;
    private final AuthService auth;
    private final StreamHub hub;

    public ConversationResource(ChatService chat, AuthService auth, StreamHub hub) {
        this.chat = chat;
        this.auth = auth;
        this.hub = hub;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(StartConversationRequest request, @Context UriInfo uri) {
        ConversationStarted started = chat.start(request);
        return Response.created(uri.getAbsolutePathBuilder().path(started.conversation().id()).build())
                .cookie(auth.cookie(Role.CUSTOMER, started.token()))
                .entity(started)
                .build();
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
        PostedMessage posted = chat.post(caller, id, request);
        return Response.status(posted.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(posted.entry())
                .build();
    }

    /** Everything is checked before the stream starts: once it has, an error can no longer become a response. */
    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    public void events(@PathParam("id") String id,
                       @HeaderParam("Last-Event-ID") String lastEventIdHeader,
                       @QueryParam("lastEventId") String lastEventIdQuery,
                       @Context HttpHeaders headers,
                       @Context SseEventSink sink,
                       @Context HttpServerResponse response) {
        auth.requireConversation(headers, id);
        chat.existing(id);
        Long resume = ResumePoint.of(lastEventIdHeader, lastEventIdQuery);
        hub.open(StreamKey.conversation(id), resume, sink, response);
    }
}
