package dev.livedesk.web;

import dev.livedesk.config.LiveDeskConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * Who may call the API from a browser page. CORS: only origins in {@code livedesk.http.allowed-origins} get
 * CORS headers (with credentials, never a wildcard), and only they get an answer to a preflight. CSRF: a
 * state-changing request that does not carry a Bearer header (so a browser may have added our cookie) must come
 * from our own origin or an allowed one. It runs as an HTTP filter, before everything else, so that it also covers
 * the event streams, whose responses bypass JAX-RS filters.
 */
@ApplicationScoped
public class OriginPolicy {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final String ALLOWED_METHODS = "GET, POST, PUT, OPTIONS";
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Last-Event-ID";

    private final Set<String> allowed;

    public OriginPolicy(LiveDeskConfig config) {
        this.allowed = Set.copyOf(config.http().allowedOrigins().orElse(List.of()));
    }

    void register(@Observes Filters filters) {
        filters.register(this::apply, 10_000);
    }

    void apply(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!request.path().startsWith("/api/")) {
            context.next();
            return;
        }
        String origin = request.getHeader("Origin");
        boolean listed = origin != null && allowed.contains(origin);
        HttpServerResponse response = context.response();
        if (listed) {
            response.putHeader("Access-Control-Allow-Origin", origin)
                    .putHeader("Access-Control-Allow-Credentials", "true")
                    .putHeader("Vary", "Origin");
        }
        if (request.method() == HttpMethod.OPTIONS && request.getHeader("Access-Control-Request-Method") != null) {
            if (listed) {
                response.setStatusCode(204)
                        .putHeader("Access-Control-Allow-Methods", ALLOWED_METHODS)
                        .putHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                        .putHeader("Access-Control-Max-Age", "600")
                        .end();
            } else {
                refuse(response, "This origin may not call the API");
            }
            return;
        }
        if (!SAFE.contains(request.method()) && request.getHeader("Authorization") == null && !listed
                && crossOrigin(request, origin)) {
            refuse(response, "A cookie-authenticated change must come from this site or an allowed origin");
            return;
        }
        context.next();
    }

    /**
     * Whether the request comes from another origin's page: its Origin names another host than the one it was sent
     * to (or another port, when the Host header names one: behind a TLS-terminating proxy it names none), or,
     * without Origin, the browser says it is cross-site.
     */
    private static boolean crossOrigin(HttpServerRequest request, String origin) {
        if (origin == null) {
            return "cross-site".equals(request.getHeader("Sec-Fetch-Site"));
        }
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null) {
                return true;
            }
            if (request.authority() == null || !uri.getHost().equalsIgnoreCase(request.authority().host())) {
                return true;
            }
            int requestPort = request.authority().port();
            int originPort = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            return requestPort != -1 && requestPort != originPort;
        } catch (IllegalArgumentException malformed) {
            return true;
        }
    }

    private static void refuse(HttpServerResponse response, String message) {
        response.setStatusCode(403).putHeader("Content-Type", "application/json")
                .end("{\"error\":\"cross-origin-request\",\"message\":\"" + message + "\"}");
    }
}
