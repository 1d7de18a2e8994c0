package dev.livedesk.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.livedesk.error.DeskException;
import dev.livedesk.event.StoreUnavailableException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.nio.channels.ClosedChannelException;

/** Turns every failure into the JSON error body with the right status; a 500 is logged as the bug it is. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response desk(DeskException e) {
        return HttpError.of(e).toResponse();
    }

    /** No credential where one is needed, or one that does not verify. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        return error(401, "unauthorized", e instanceof AuthenticationFailedException && e.getMessage() != null
                ? e.getMessage() : "A valid token is required");
    }

    /** A credential whose roles the endpoint does not allow. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return error(403, "forbidden", "This credential may not do this");
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
        return HttpError.unexpected(e).toResponse();
    }

    @ServerExceptionMapper
    public Response storeUnavailable(StoreUnavailableException e) {
        return HttpError.storeUnavailable(e).toResponse();
    }

    /** See {@link HttpError#unexpected}. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        return HttpError.unexpected(e).toResponse();
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
        return new HttpError(status, code, message, null).toResponse();
    }
}
