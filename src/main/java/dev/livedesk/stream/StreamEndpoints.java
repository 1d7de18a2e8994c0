package dev.livedesk.stream;

import dev.livedesk.web.HttpError;
import dev.livedesk.error.DeskException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import java.util.Set;

/**
 * Serves the event streams from Vert.x routes rather than JAX-RS resource methods.
 *
 * <p>Why: a stream served by a JAX-RS method keeps its whole request alive for as long as it is open: RESTEasy's
 * request context (held by the SSE sink and by the CDI request scope), with its own copy of the request headers, and
 * Vert.x Web's routing context, a large share of what an idle stream costs. JAX-RS did nothing for a stream after its first write anyway: the hub writes encoded frames to the
 * Vert.x response itself. A route's handler returns and leaves the response open, and nothing but the hub keeps it.
 *
 * <p>An opener runs on a worker thread, since it may read the store. It validates and authorizes before the stream
 * starts, throwing what a resource method would, and the client gets the same JSON error ({@link HttpError}).
 */
public final class StreamEndpoints {

    private static final Logger LOG = Logger.getLogger(StreamEndpoints.class);

    /**
     * Validates, authorizes what roles cannot express (a customer's own conversation) and opens one stream on the
     * hub; throws to refuse it.
     */
    @FunctionalInterface
    public interface Opener {
        /** @param identity who calls, as Quarkus Security established it; null on a public stream (not looked at) */
        void open(RoutingContext request, SecurityIdentity identity);
    }

    private StreamEndpoints() {
    }

    /**
     * Where the client resumes ({@link ResumePoint}). The query is parsed only when there is one: Vert.x keeps the
     * parsed parameters for as long as the response is open.
     */
    public static Long resumePoint(HttpServerRequest request) {
        return ResumePoint.of(request.getHeader("Last-Event-ID"),
                request.query() == null ? null : request.getParam("lastEventId"));
    }

    /**
     * Serves GET requests to {@code path} (Vert.x syntax, {@code :name} for a path parameter) with {@code opener},
     * and answers any other method with 405. The route declares who may open it: a caller holding one of
     * {@code rolesAllowed} (none: anyone, and no credential is even looked at), checked against Quarkus Security's identity of the request
     * before the opener runs; no credential is a 401, a credential without the role a 403. The route comes before
     * JAX-RS, which answers 404 itself for a path under one of its resources; Quarkus' filters (security headers,
     * CORS and origin policy) and its authentication handler come before both.
     */
    public static void serve(Router router, String path, Set<String> rolesAllowed, Opener opener) {
        router.route(path).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).blockingHandler(request -> {
            if (request.request().method() != HttpMethod.GET) {
                request.response().putHeader(HttpHeaders.ALLOW, "GET");
                new HttpError(405, "method-not-allowed", "An event stream is opened with GET", null)
                        .send(request.response());
                return;
            }
            try {
                SecurityIdentity identity = rolesAllowed.isEmpty() ? null : identity(request);
                if (identity != null) {
                    if (identity.isAnonymous()) {
                        throw DeskException.unauthorized("A valid token is required");
                    }
                    if (rolesAllowed.stream().noneMatch(identity::hasRole)) {
                        throw DeskException.forbidden("This credential may not open this stream");
                    }
                }
                opener.open(request, identity);
            } catch (RuntimeException refused) {
                if (request.response().closed()) {
                    LOG.debugf("A stream's client left while it was opened: %s", refused.toString());
                } else {
                    HttpError.of(refused).send(request.response());
                }
            }
        }, false);
    }

    /**
     * The request's identity: Quarkus authenticates lazily ({@code quarkus.http.auth.proactive=false}), so this
     * runs the authentication mechanism now, on this worker thread. A credential that does not verify is a 401.
     */
    private static SecurityIdentity identity(RoutingContext request) {
        try {
            return QuarkusHttpUser.getSecurityIdentityBlocking(request, null);
        } catch (AuthenticationFailedException failed) {
            throw DeskException.unauthorized(failed.getMessage() == null ? "A valid token is required"
                    : failed.getMessage());
        }
    }
}
