package dev.livedesk.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.livedesk.error.DeskException;
import dev.livedesk.event.StoreUnavailableException;
import io.vertx.core.http.HttpClosedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.nio.channels.ClosedChannelException;

/** Turns every failure into the JSON error body with the right status; a 500 is logged as the bug it is. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    private static final int CLIENT_CLOSED_REQUEST = 499;

    @ServerExceptionMapper
    public Response desk(DeskException e) {
        Response response = error(status(e.kind()), e.code(), e.getMessage());
        if (e.retryAfterSeconds() != null) {
            response.getHeaders().putSingle("Retry-After", e.retryAfterSeconds().toString());
        }
        return response;
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return error(400, "invalid-json", "The body is not valid JSON of the expected shape");
    }

    /** More specific than {@link #json}, so that it wins over Quarkus' own mapper, which answers with no body. */
    @ServerExceptionMapper
    public Response shape(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        if (e.getCause() instanceof JsonProcessingException) {
            return json((JsonProcessingException) e.getCause());
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String reason = known == null ? "Client error" : known.getReasonPhrase();
        return error(status, reason.toLowerCase().replace(' ', '-'), reason);
    }

    /**
     * The client hung up mid-request (typical of a stream that is reset as it opens): nobody is left to answer and
     * nothing went wrong here. 499 is nginx's "client closed request"; it is never delivered.
     */
    @ServerExceptionMapper
    public Response clientGone(ClosedChannelException e) {
        LOG.debug("Client closed the connection before the response was complete");
        return Response.status(CLIENT_CLOSED_REQUEST).build();
    }

    /** The database is down or failing: nothing the client did; it may retry, here or on another replica. */
    @ServerExceptionMapper
    public Response storeUnavailable(StoreUnavailableException e) {
        LOG.warnf("The store failed: %s", e.getMessage());
        Response response = error(503, "store-unavailable", "The service cannot reach its store; try again shortly");
        response.getHeaders().putSingle("Retry-After", "1");
        return response;
    }

    /**
     * Anything else is a bug, except a client that hung up while its body was being read (a browser tab closed
     * mid-request): Vert.x reports that as an IOException caused by {@link HttpClosedException}.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpClosedException || cause instanceof ClosedChannelException) {
                LOG.debug("Client closed the connection while its request was read");
                return Response.status(CLIENT_CLOSED_REQUEST).build();
            }
        }
        LOG.error("Unexpected failure while handling a request", e);
        return error(500, "internal", "Something went wrong on our side");
    }

    /** The one place a refusal of the domain becomes an HTTP status. */
    static int status(DeskException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case UNSUPPORTED -> 415;
            case TOO_MANY -> 429;
            case UNAVAILABLE -> 503;
        };
    }

    static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(code, message)).build();
    }
}
