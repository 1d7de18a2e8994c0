package dev.livedesk.customer;

import dev.livedesk.auth.AuthService;
import dev.livedesk.auth.Role;
import dev.livedesk.auth.Roles;
import dev.livedesk.chat.ConversationView;
import dev.livedesk.chat.service.ChatService;
import dev.livedesk.web.RateLimits;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** Customers a website identifies, and a customer's own conversations. */
@Path("/api/customers")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

    private final IdentityService identities;
    private final ChatService chat;
    private final AuthService auth;
    private final RateLimits limits;

    public CustomerResource(IdentityService identities, ChatService chat, AuthService auth, RateLimits limits) {
        this.identities = identities;
        this.chat = chat;
        this.auth = auth;
        this.limits = limits;
    }

    /** Answers the customer and a token; the token also comes as the customer cookie for same-site pages. */
    @POST
    @Path("/identify")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public Response identify(IdentifyRequest request, @Context HttpServerRequest http) {
        limits.conversation(http.remoteAddress().hostAddress());
        IdentifiedCustomer identified = identities.identify(request);
        return Response.ok(identified).cookie(auth.cookie(Role.CUSTOMER, identified.token())).build();
    }

    @GET
    @Path("/me/conversations")
    @RolesAllowed(Roles.CUSTOMER)
    public Map<String, List<ConversationView.ForCustomer>> myConversations() {
        return Map.of("conversations", chat.ofCustomer(auth.caller()));
    }
}
