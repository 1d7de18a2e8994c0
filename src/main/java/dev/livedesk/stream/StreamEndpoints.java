package dev.livedesk.stream;

import dev.livedesk.web.HttpError;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Serves the event streams from Vert.x routes rather than JAX-RS resource methods.
 *
 * <p>Why: a stream served by a JAX-RS method keeps its whole request alive for as long as it is open: RESTEasy's
 * request context (held by the SSE sink and by the CDI request scope), with its own copy of the request headers, and
 * Vert.x Web's routing context. A heap dump with 2,000 idle streams open put that at about 3.5 of the 9.3 KB each
 * stream held. JAX-RS did nothing for a stream after its first write anyway: the hub writes encoded frames to the
 * Vert.x response itself. A route's handler returns and leaves the response open, and nothing but the hub keeps it.
 *
 * <p>An opener runs on a worker thread, since it may read the store. It validates and authorizes before the stream
 * starts, throwing what a resource method would, and the client gets the same JSON error ({@link HttpError}).
 */
public final class StreamEndpoints {

    private static final Logger LOG = Logger.getLogger(StreamEndpoints.class);

    /** Validates, authorizes and opens one stream on the hub; throws to refuse it. */
    @FunctionalInterface
    public interface Opener {
        void open(RoutingContext request);
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
     * The request's cookies by name, for {@code AuthService}. Decoded here rather than by
     * {@code request.getCookie}, which keeps what it decodes (a token among it) for as long as the response is open.
     */
    public static UnaryOperator<String> cookies(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.COOKIE);
        Set<Cookie> cookies = header == null ? Set.of() : ServerCookieDecoder.STRICT.decode(header);
        return name -> cookies.stream().filter(cookie -> cookie.name().equals(name)).map(Cookie::value)
                .findFirst().orElse(null);
    }

    /**
     * Serves GET requests to {@code path} (Vert.x syntax, {@code :name} for a path parameter) with {@code opener},
     * and answers any other method with 405. The route comes before JAX-RS, which answers 404 itself for a path
     * under one of its resources; Quarkus' filters (security headers, CORS and origin policy) come before both.
     */
    public static void serve(Router router, String path, Opener opener) {
        router.route(path).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).blockingHandler(request -> {
            if (request.request().method() != HttpMethod.GET) {
                request.response().putHeader(HttpHeaders.ALLOW, "GET");
                new HttpError(405, "method-not-allowed", "An event stream is opened with GET", null)
                        .send(request.response());
                return;
            }
            try {
                opener.open(request);
            } catch (RuntimeException refused) {
                if (request.response().closed()) {
                    LOG.debugf("A stream's client left while it was opened: %s", refused.toString());
                } else {
                    HttpError.of(refused).send(request.response());
                }
            }
        }, false);
    }
}
