package dev.livedesk.chat.api;

import dev.livedesk.chat.AssignRequest;
import dev.livedesk.chat.Attachment;
import dev.livedesk.chat.ContactRequest;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationHistory;
import dev.livedesk.chat.ConversationList;
import dev.livedesk.chat.ConversationStarted;
import dev.livedesk.chat.ConversationState;
import dev.livedesk.chat.LabelsRequest;
import dev.livedesk.chat.MessagePage;
import dev.livedesk.chat.NoteEntry;
import dev.livedesk.chat.NotePosted;
import dev.livedesk.chat.NoteRequest;
import dev.livedesk.chat.PostMessageRequest;
import dev.livedesk.chat.PostedMessage;
import dev.livedesk.chat.RatingRequest;
import dev.livedesk.chat.ReadRequest;
import dev.livedesk.chat.SearchResult;
import dev.livedesk.chat.StartConversationRequest;
import dev.livedesk.chat.TypingRequest;
import dev.livedesk.chat.ViewingRequest;
import dev.livedesk.chat.ViewCounts;
import dev.livedesk.chat.service.AttachmentService;
import dev.livedesk.chat.service.ChatService;
import dev.livedesk.chat.service.LifecycleService;
import dev.livedesk.chat.service.TypingService;
import dev.livedesk.chat.service.ViewingService;
import dev.livedesk.auth.AuthService;
import dev.livedesk.auth.Caller;
import dev.livedesk.auth.Role;
import dev.livedesk.auth.Roles;
import dev.livedesk.error.DeskException;
import dev.livedesk.web.RateLimits;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** HTTP face of conversations: start, read, post, and the conversation's event stream. */
@Path("/api/conversations")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationResource {

    private final ChatService chat;
    private final LifecycleService lifecycle;
    private final TypingService typing;
    private final ViewingService viewing;
    private final AttachmentService attachments;
    private final AuthService auth;
    private final RateLimits limits;

    public ConversationResource(ChatService chat, LifecycleService lifecycle, TypingService typing,
                                ViewingService viewing, AttachmentService attachments, AuthService auth,
                                RateLimits limits) {
        this.viewing = viewing;
        this.attachments = attachments;
        this.limits = limits;
        this.chat = chat;
        this.lifecycle = lifecycle;
        this.typing = typing;
        this.auth = auth;
    }


    /**
     * Starts a conversation. A valid customer credential on the request (the widget's cookie from an earlier chat)
     * keeps the customer's id; the browser and the client address are recorded for agents.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public Response start(StartConversationRequest request, @Context UriInfo uri, @Context HttpHeaders headers,
                          @Context HttpServerRequest http) {
        String address = http.remoteAddress().hostAddress();
        limits.conversation(address);
        limits.inboxConversation(request == null ? null : request.websiteToken());
        ConversationStarted started = chat.start(request, auth.customer(headers).orElse(null),
                headers.getHeaderString(HttpHeaders.USER_AGENT), address);
        return Response.created(uri.getAbsolutePathBuilder().path(started.conversation().id()).build())
                .cookie(auth.cookie(Role.CUSTOMER, started.token()))
                .entity(started)
                .build();
    }

    /**
     * Agents' views, a page at a time: {@code ?status=}, {@code ?assignee=me|none|<agentId>}, {@code ?label=},
     * {@code ?followUp=email}, {@code ?order=oldest|newest}, {@code ?after=<next>}, {@code ?limit=}; each row with its
     * unread count, last message and waiting time.
     */
    @GET
    @RolesAllowed(Roles.AGENT)
    public ConversationList list(@QueryParam("status") String status, @QueryParam("assignee") String assignee,
                                 @QueryParam("label") String label, @QueryParam("followUp") String followUp,
                                 @QueryParam("order") String order, @QueryParam("after") String after,
                                 @QueryParam("limit") String limit) {
        Caller agent = auth.caller();
        return chat.list(agent, auth.scope(agent), status, assignee, label, followUp, order, after, limit);
    }

    /** What the console's view tabs count, in one read. */
    @GET
    @Path("/counts")
    @RolesAllowed(Roles.AGENT)
    public ViewCounts counts() {
        Caller agent = auth.caller();
        return chat.counts(agent, auth.scope(agent));
    }

    /**
     * Search over message texts, customer names and emails, and labels, in the inboxes the agent belongs to; newest
     * first.
     */
    @GET
    @Path("/search")
    @RolesAllowed(Roles.AGENT)
    public SearchResult search(@QueryParam("q") String query, @QueryParam("limit") String limit) {
        return chat.search(auth.scope(auth.caller()), query, limit);
    }

    /** The same customer's other conversations (same customer id) in the inboxes the agent belongs to. */
    @GET
    @Path("/{id}/customer-history")
    @RolesAllowed(Roles.AGENT)
    public ConversationHistory customerHistory(@PathParam("id") String id) {
        return chat.customerHistory(auth.scope(auth.conversation(id)), id);
    }

    /** Sets the conversation's labels (agents). */
    @PUT
    @Path("/{id}/labels")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AGENT)
    public ConversationState labels(@PathParam("id") String id, LabelsRequest request) {
        Caller agent = auth.conversation(id);
        return chat.labels(agent, id, request);
    }

    /** A private note for colleagues (agents); it never reaches the customer. */
    @POST
    @Path("/{id}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AGENT)
    public Response note(@PathParam("id") String id, NoteRequest request) {
        Caller agent = auth.conversation(id);
        limits.message(agent.credential());
        NoteEntry note = chat.note(agent, id, request);
        return Response.status(Response.Status.CREATED).entity(new NotePosted(note.eventId(), note.note())).build();
    }

    /**
     * Uploads a file ({@code multipart/form-data}, one part {@code file}) for a message of this conversation to carry.
     * Its type is judged by its bytes; the body's declared length is checked before it is read (see the body limit).
     */
    @POST
    @Path("/{id}/attachments")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Blocking
    @Authenticated
    public Response attach(@PathParam("id") String id, @RestForm("file") FileUpload file) {
        Caller caller = auth.conversation(id);
        limits.message(caller.credential());
        Attachment attachment = attachments.upload(id, file == null ? null : file.fileName(),
                file == null ? null : file.uploadedFile());
        return Response.status(Response.Status.CREATED).entity(Map.of("attachment", attachment.ref())).build();
    }

    /** The customer leaves an email to be answered at; the conversation waits in the queue for follow-up. */
    @PUT
    @Path("/{id}/contact")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CUSTOMER)
    public ConversationState contact(@PathParam("id") String id, ContactRequest request) {
        Caller caller = auth.conversation(id);
        return chat.contact(caller, id, request);
    }

    /** The customer rates the resolved conversation: 1 to 5 and an optional comment, once. */
    @POST
    @Path("/{id}/rating")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CUSTOMER)
    public Response rate(@PathParam("id") String id, RatingRequest request) {
        Caller caller = auth.conversation(id);
        return Response.status(Response.Status.CREATED).entity(chat.rate(caller, id, request)).build();
    }

    /** An agent reopens a resolved conversation and takes it. */
    @POST
    @Path("/{id}/reopen")
    @RolesAllowed(Roles.AGENT)
    public ConversationState reopen(@PathParam("id") String id) {
        Caller caller = auth.conversation(id);
        lifecycle.reopenFor(caller, id);
        return chat.state(caller, id);
    }

    /**
     * An agent claims the conversation, or gives it to an agent ({@code {"agentId"}}); see
     * {@link LifecycleService#assignFor}.
     */
    @POST
    @Path("/{id}/assign")
    @RolesAllowed(Roles.AGENT)
    public ConversationState assign(@PathParam("id") String id, AssignRequest request) {
        Caller caller = auth.conversation(id);
        lifecycle.assignFor(caller, id, request == null ? null : request.agentId());
        return chat.state(caller, id);
    }

    /** The conversation's customer or an agent closes it. */
    @POST
    @Path("/{id}/resolve")
    @Authenticated
    public ConversationState resolve(@PathParam("id") String id) {
        Caller caller = auth.conversation(id);
        chat.existing(id);
        lifecycle.resolve(id);
        return chat.state(caller, id);
    }

    /**
     * Starts, refreshes or stops the caller's typing indicator. Only an agent's id is looked up (by the inbox check,
     * which answers 404 for an unknown one): a customer's token names the one conversation it was issued for, which
     * exists, and conversations are never deleted, so a read per signal (a tenth of all conversations send one every
     * two seconds) would only repeat what the token proves.
     */
    @POST
    @Path("/{id}/typing")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    public Response typing(@PathParam("id") String id, TypingRequest request) {
        Caller caller = auth.conversation(id);
        if (request == null || request.typing() == null) {
            throw DeskException.invalid("invalid-typing", "typing must be true or false");
        }
        limits.typing(caller.credential());
        typing.typing(caller, id, request.typing());
        return Response.noContent().build();
    }

    /**
     * An agent opened (or still has open) or closed a conversation: an ephemeral {@code viewing} event on the agents'
     * stream, so colleagues see who else is on it. Customers cannot send it and never see it.
     */
    @POST
    @Path("/{id}/viewing")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AGENT)
    public Response viewing(@PathParam("id") String id, ViewingRequest request) {
        Caller caller = auth.conversation(id);
        Conversation conversation = chat.existing(id);
        if (request == null || request.viewing() == null) {
            throw DeskException.invalid("invalid-viewing", "viewing must be true or false");
        }
        limits.typing(caller.credential());
        viewing.viewing(caller, conversation, request.viewing());
        return Response.noContent().build();
    }

    /** Marks the conversation read by the caller's side up to an event id. */
    @POST
    @Path("/{id}/read")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    public ConversationState read(@PathParam("id") String id, ReadRequest request) {
        Caller caller = auth.conversation(id);
        return chat.read(caller, id, request);
    }

    @GET
    @Path("/{id}")
    @Authenticated
    public ConversationState get(@PathParam("id") String id) {
        Caller caller = auth.conversation(id);
        return chat.state(caller, id);
    }

    @GET
    @Path("/{id}/messages")
    @Authenticated
    public MessagePage messages(@PathParam("id") String id, @QueryParam("after") String after,
                                @QueryParam("limit") String limit) {
        Caller caller = auth.conversation(id);
        return chat.messages(caller, id, after, limit);
    }

    @POST
    @Path("/{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    public Response post(@PathParam("id") String id, PostMessageRequest request) {
        Caller caller = auth.conversation(id);
        limits.message(caller.credential());
        PostedMessage posted = chat.post(caller, id, request);
        return Response.status(posted.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(posted.entry())
                .build();
    }
}
