package dev.livedesk.web;

import dev.livedesk.error.DeskException;
import dev.livedesk.event.StoreUnavailableException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.nio.channels.ClosedChannelException;

/**
 * A failure as the response it becomes: status, {@link ErrorBody} and {@code Retry-After}. The one mapping both HTTP
 * faces share: JAX-RS through {@link ErrorMappers}, and the event streams, which Vert.x routes serve, through
 * {@link #send}.
 */
public record HttpError(int status, String code, String message, Integer retryAfterSeconds) {

    private static final Logger LOG = Logger.getLogger(HttpError.class);
    /** nginx's "client closed request": nobody is left to answer; it is never delivered. */
    static final int CLIENT_CLOSED_REQUEST = 499;

    static HttpError of(DeskException e) {
        return new HttpError(ErrorMappers.status(e.kind()), e.code(), e.getMessage(), e.retryAfterSeconds());
    }

    /** The database is down or failing: nothing the client did; it may retry, here or on another replica. */
    static HttpError storeUnavailable(StoreUnavailableException e) {
        LOG.warnf("The store failed: %s", e.getMessage());
        return new HttpError(503, "store-unavailable", "The service cannot reach its store; try again shortly", 1);
    }

    /**
     * Anything else is a bug, except a client that hung up mid-request (a browser tab closed, a stream reset as it
     * opens): Vert.x reports that as {@link HttpClosedException} or {@link ClosedChannelException}, possibly as a
     * cause.
     */
    static HttpError unexpected(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpClosedException || cause instanceof ClosedChannelException) {
                LOG.debug("Client closed the connection before the response was complete");
                return new HttpError(CLIENT_CLOSED_REQUEST, null, null, null);
            }
        }
        LOG.error("Unexpected failure while handling a request", e);
        return new HttpError(500, "internal", "Something went wrong on our side", null);
    }

    /** What any failure of a request outside JAX-RS becomes. */
    public static HttpError of(Throwable e) {
        if (e instanceof DeskException desk) {
            return of(desk);
        }
        if (e instanceof StoreUnavailableException store) {
            return storeUnavailable(store);
        }
        return unexpected(e);
    }

    Response toResponse() {
        Response.ResponseBuilder response = Response.status(status);
        if (code != null) {
            response.type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(code, message));
        }
        if (retryAfterSeconds != null) {
            response.header("Retry-After", retryAfterSeconds.toString());
        }
        return response.build();
    }

    /** Answers with this error, unless the response has started already or the client is gone. */
    public void send(HttpServerResponse response) {
        if (response.headWritten() || response.closed() || status == CLIENT_CLOSED_REQUEST) {
            return;
        }
        response.setStatusCode(status);
        if (retryAfterSeconds != null) {
            response.putHeader("Retry-After", retryAfterSeconds.toString());
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                .end(new JsonObject().put("error", code).put("message", message).encode());
    }
}
