package dev.livedesk.auth;

import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.error.DeskException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Who is calling, as Quarkus Security established it ({@link TokenAuthenticationMechanism}), and the rules that
 * roles cannot express: a customer's credential opens that customer's conversation and no other, and staff other than
 * admins see only the conversations of the inboxes they belong to. Endpoints declare who may call them
 * ({@code @RolesAllowed}, {@code @Authenticated}); what they then need of the caller, they ask here.
 */
@ApplicationScoped
public class AuthService {

    public static final String CUSTOMER_COOKIE = "livedesk_customer";
    public static final String AGENT_COOKIE = "livedesk_agent";
    private static final String BEARER = "Bearer ";

    private final TokenService tokens;
    private final SecurityIdentity identity;
    private final ConversationOwners owners;
    private final InboxMemberships memberships;
    private final boolean secureCookie;

    public AuthService(TokenService tokens, SecurityIdentity identity, ConversationOwners owners,
                       InboxMemberships memberships, LiveDeskConfig config) {
        this.tokens = tokens;
        this.owners = owners;
        this.memberships = memberships;
        this.identity = identity;
        this.secureCookie = config.auth().secureCookie();
    }

    /**
     * The caller of the request being served. The endpoint has declared that it needs one, so an anonymous request
     * never gets here; should it, it is refused with 401.
     */
    public Caller caller() {
        return caller(identity);
    }

    /** The caller an identity stands for. */
    public static Caller caller(SecurityIdentity identity) {
        Caller caller = identity == null ? null : identity.getAttribute(TokenAuthenticationMechanism.CALLER);
        if (caller == null) {
            throw DeskException.unauthorized("A valid token is required");
        }
        return caller;
    }

    /**
     * The caller, who must be allowed to touch the conversation: its own customer, an agent or supervisor of its
     * inbox, or an admin.
     */
    public Caller conversation(String conversationId) {
        return conversation(caller(), conversationId);
    }

    /**
     * The same rule for a caller found outside JAX-RS (the event streams) or by a service: an admin; an agent or
     * supervisor who belongs to the conversation's inbox; the customer of exactly that conversation; or an identified
     * customer whose customer id and inbox it has. For staff, a conversation that does not exist is a 404 here, from
     * the one read the inbox check makes (a customer's credential names its own conversation, so a customer learns
     * nothing from that answer and is not given it).
     */
    public Caller conversation(Caller caller, String conversationId) {
        if (caller.isAgent()) {
            ConversationOwners.Owner owner = owners.ownerOf(conversationId)
                    .orElseThrow(() -> DeskException.notFound("No conversation " + conversationId));
            if (!caller.isAdmin() && !memberships.isMember(caller.id(), owner.inboxId())) {
                throw DeskException.forbidden("That conversation belongs to an inbox you are not a member of");
            }
            return caller;
        }
        boolean allowed = caller.mayAccess(conversationId) || (caller.isIdentifiedCustomer()
                && owners.ownerOf(conversationId).filter(owner -> owner.customerId().equals(caller.id())
                && owner.inboxId().equals(caller.inboxId())).isPresent());
        if (!allowed) {
            throw DeskException.forbidden("This credential may not access that conversation");
        }
        return caller;
    }

    /** The inboxes whose conversations a member of staff sees: every one for an admin, their own for the others. */
    public InboxScope scope(Caller staff) {
        return staff.isAdmin() ? InboxScope.ALL : new InboxScope(memberships.inboxesOf(staff.id()));
    }

    /**
     * What the agents' stream of this member of staff shows: null (everything) for an admin, otherwise the events of
     * the inboxes they belong to at the time of each event, so that a change of membership applies to open streams.
     */
    public Predicate<String> streamFilter(Caller staff) {
        if (staff.isAdmin()) {
            return null;
        }
        String agentId = staff.id();
        return inboxId -> memberships.isMember(agentId, inboxId);
    }

    /**
     * The valid customer credential the request carries, if any, so that a returning (or identified) customer who
     * starts a new conversation keeps their id. An absent, invalid or agent credential is no earlier customer:
     * starting a conversation needs no credential, so a stale one must not stand in its way.
     */
    public Optional<Caller> customer(HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<Caller> caller;
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            caller = tokens.verify(authorization.substring(BEARER.length()).trim());
        } else {
            jakarta.ws.rs.core.Cookie cookie = headers.getCookies().get(CUSTOMER_COOKIE);
            caller = cookie == null ? Optional.empty() : tokens.verify(cookie.getValue());
        }
        return caller.filter(found -> !found.isAgent());
    }

    /** A cookie that makes the browser forget its token of this kind at once. */
    public NewCookie expiredCookie(Role role) {
        return new NewCookie.Builder(role.isStaff() ? AGENT_COOKIE : CUSTOMER_COOKIE)
                .value("")
                .path("/api")
                .httpOnly(true)
                .secure(secureCookie)
                .sameSite(NewCookie.SameSite.STRICT)
                .maxAge(0)
                .build();
    }

    /** The cookie that carries a freshly issued token to a browser. */
    public NewCookie cookie(Role role, String token) {
        return new NewCookie.Builder(role.isStaff() ? AGENT_COOKIE : CUSTOMER_COOKIE)
                .value(token)
                .path("/api")
                .httpOnly(true)
                .secure(secureCookie)
                .sameSite(NewCookie.SameSite.STRICT)
                .maxAge((int) tokens.ttl(role).toSeconds())
                .build();
    }
}
