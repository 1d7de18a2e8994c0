package dev.livedesk.auth;

import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.error.DeskException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Finds and checks the credential of a request.
 *
 * <p>API clients send {@code Authorization: Bearer}; browsers carry the same token in an HttpOnly, SameSite=Strict
 * cookie, because EventSource cannot set headers. Customers and agents get different cookies so that one browser
 * can be both (the demo shop and the agent console on one origin). A token in the URL is never read: URLs end up in
 * logs.
 */
@ApplicationScoped
public class AuthService {

    public static final String CUSTOMER_COOKIE = "livedesk_customer";
    public static final String AGENT_COOKIE = "livedesk_agent";
    private static final String BEARER = "Bearer ";

    private final TokenService tokens;
    private final boolean secureCookie;

    public AuthService(TokenService tokens, LiveDeskConfig config) {
        this.tokens = tokens;
        this.secureCookie = config.auth().secureCookie();
    }

    /**
     * The caller of a request. A Bearer header, when present, is the only credential considered; otherwise a valid
     * agent cookie wins over a customer cookie.
     *
     * @throws DeskException UNAUTHORIZED when there is no valid credential
     */
    public Caller authenticate(HttpHeaders headers) {
        return authenticate(headers.getHeaderString(HttpHeaders.AUTHORIZATION), name -> cookie(headers, name));
    }

    /**
     * The same for a request served outside JAX-RS (the event streams), from its {@code Authorization} header and
     * its cookies by name.
     */
    public Caller authenticate(String authorization, UnaryOperator<String> cookies) {
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                throw DeskException.unauthorized("Authorization must be a Bearer token");
            }
            return tokens.verify(authorization.substring(BEARER.length()).trim())
                    .orElseThrow(() -> DeskException.unauthorized("The token is invalid or has expired"));
        }
        return fromCookie(cookies, AGENT_COOKIE)
                .or(() -> fromCookie(cookies, CUSTOMER_COOKIE))
                .orElseThrow(() -> DeskException.unauthorized("A valid token is required"));
    }

    /**
     * The customer id of a valid customer credential the request carries, if any, so that a returning customer
     * who starts a new conversation keeps their id. An absent, invalid or agent credential is no earlier customer.
     */
    public Optional<String> customerId(HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<Caller> caller = authorization != null
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? tokens.verify(authorization.substring(BEARER.length()).trim())
                : fromCookie(name -> cookie(headers, name), CUSTOMER_COOKIE);
        return caller.filter(found -> !found.isAgent()).map(Caller::id);
    }

    /** The caller, who must be an agent. */
    public Caller requireAgent(HttpHeaders headers) {
        return agent(authenticate(headers));
    }

    /** The caller, who must be an agent, of a request served outside JAX-RS. */
    public Caller requireAgent(String authorization, UnaryOperator<String> cookies) {
        return agent(authenticate(authorization, cookies));
    }

    private static Caller agent(Caller caller) {
        if (!caller.isAgent()) {
            throw DeskException.forbidden("Only agents may do this");
        }
        return caller;
    }

    /**
     * The caller, who must be a supervisor. The role is read from the signed token, so every replica decides alike;
     * a changed role takes effect at the agent's next login.
     */
    public Caller requireSupervisor(HttpHeaders headers) {
        Caller caller = authenticate(headers);
        if (!caller.isSupervisor()) {
            throw DeskException.forbidden("Only supervisors may do this");
        }
        return caller;
    }

    /** The caller, who must be allowed to touch the conversation. */
    public Caller requireConversation(HttpHeaders headers, String conversationId) {
        return conversation(authenticate(headers), conversationId);
    }

    /** The caller, who must be allowed to touch the conversation, of a request served outside JAX-RS. */
    public Caller requireConversation(String authorization, UnaryOperator<String> cookies, String conversationId) {
        return conversation(authenticate(authorization, cookies), conversationId);
    }

    private static Caller conversation(Caller caller, String conversationId) {
        if (!caller.mayAccess(conversationId)) {
            throw DeskException.forbidden("This credential may not access that conversation");
        }
        return caller;
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

    private Optional<Caller> fromCookie(UnaryOperator<String> cookies, String name) {
        String value = cookies.apply(name);
        return value == null ? Optional.empty() : tokens.verify(value);
    }

    private static String cookie(HttpHeaders headers, String name) {
        Cookie cookie = headers.getCookies().get(name);
        return cookie == null ? null : cookie.getValue();
    }
}
