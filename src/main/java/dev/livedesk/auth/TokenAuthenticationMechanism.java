package dev.livedesk.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Turns a request's LiveDesk token into Quarkus Security's {@link SecurityIdentity}, whose roles
 * ({@link Roles}) {@code @RolesAllowed} and the stream routes check, and whose {@link Caller} the services read.
 *
 * <p>API clients send {@code Authorization: Bearer}; browsers carry the same token in an HttpOnly cookie, because
 * EventSource cannot set headers. A Bearer header, when present, is the only credential considered, and a bad one is
 * a failure (401); otherwise a valid agent cookie wins over a customer cookie, and a cookie that does not verify is
 * no credential at all (the caller is anonymous). A token in the URL is never read: URLs end up in logs.
 */
@ApplicationScoped
public class TokenAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** The attribute of the identity that holds the {@link Caller}. */
    static final String CALLER = "livedesk.caller";
    private static final String BEARER = "Bearer ";

    private final TokenService tokens;

    public TokenAuthenticationMechanism(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        HttpServerRequest request = context.request();
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return Uni.createFrom().failure(new AuthenticationFailedException(
                        "Authorization must be a Bearer token"));
            }
            return tokens.verify(authorization.substring(BEARER.length()).trim())
                    .map(caller -> Uni.createFrom().item(identity(caller)))
                    .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException(
                            "The token is invalid or has expired")));
        }
        UnaryOperator<String> cookies = RequestCookies.of(request.getHeader(HttpHeaders.COOKIE));
        Optional<Caller> caller = fromCookie(cookies, AuthService.AGENT_COOKIE)
                .or(() -> fromCookie(cookies, AuthService.CUSTOMER_COOKIE));
        return caller.map(found -> Uni.createFrom().item(identity(found))).orElseGet(() -> Uni.createFrom().nullItem());
    }

    private Optional<Caller> fromCookie(UnaryOperator<String> cookies, String name) {
        String value = cookies.apply(name);
        return value == null ? Optional.empty() : tokens.verify(value);
    }

    static SecurityIdentity identity(Caller caller) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.id()))
                .addRoles(Roles.of(caller.role()))
                .addAttribute(CALLER, caller)
                .build();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }
}
