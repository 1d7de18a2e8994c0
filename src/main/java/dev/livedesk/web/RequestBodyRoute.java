package dev.livedesk.web;

import dev.livedesk.config.LiveDeskConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * Reads an API request's body on the event loop before JAX-RS takes the request to a worker thread. Left to Quarkus
 * REST, a blocking endpoint reads its body on the worker, which then waits for the bytes: requests whose bodies came
 * slowly or not at all held a worker each for up to the 60 s read timeout, and once they outnumbered the workers every
 * other request queued behind them. Read here, a body that is still arriving costs nothing, and Quarkus REST takes it from the routing
 * context. Uploads (multipart) are left to Quarkus' form reading, which does not block; a body whose declared length
 * is over the limit or not a number is left to {@link BodyLimitFilter}, which refuses it unread; a chunked body
 * without a length is cut off here at the same limit, with the same error. A request with no body (no length and not
 * chunked, or a length of 0) has nothing to wait for and goes straight on: the body reader would leave it unanswered.
 * <p>
 * HTTP/1.x only: Quarkus REST pauses every request it takes over, and Vert.x refuses to pause an HTTP/2 request whose
 * body has been read ("Request has already been read"), so an HTTP/2 body is still read on the worker. What kept
 * those workers waiting without any slow client, hundreds of streams on one connection, is bounded by
 * {@code quarkus.http.limits.max-concurrent-streams} in {@code application.properties}; a client that sends its
 * HTTP/2 bodies slowly on purpose can still hold workers.
 */
@ApplicationScoped
public class RequestBodyRoute {

    private static final List<HttpMethod> WITH_BODY = List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    private static final String READ_HERE = RequestBodyRoute.class.getName();

    private final long maxBytes;

    public RequestBodyRoute(LiveDeskConfig config) {
        this.maxBytes = config.limits().maxBody().asLongValue();
    }

    void register(@Observes Router router) {
        BodyHandler reader = BodyHandler.create(false).setBodyLimit(maxBytes);
        Route route = router.route("/api/*").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT);
        WITH_BODY.forEach(route::method);
        route.handler(context -> {
            if (readsHere(context.request())) {
                context.put(READ_HERE, Boolean.TRUE);
                reader.handle(context);
            } else {
                context.next();
            }
        }).failureHandler(this::refuse);
    }

    private boolean readsHere(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            return false;
        }
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null && type.regionMatches(true, 0, "multipart/", 0, "multipart/".length())) {
            return false;
        }
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        }
        try {
            long length = Long.parseLong(declared.trim());
            return length > 0 && length <= maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void refuse(RoutingContext context) {
        if (context.statusCode() == 413 && context.get(READ_HERE) != null) {
            HttpError.of(BodyLimitFilter.tooLarge(maxBytes)).send(context.response());
        } else {
            context.next();
        }
    }
}
