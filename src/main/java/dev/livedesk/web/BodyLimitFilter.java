package dev.livedesk.web;

import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.error.DeskException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body over {@code livedesk.limits.max-body} by its declared length, with the JSON error, before it is
 * read. Quarkus' own {@code quarkus.http.limits.max-body-size} stays the backstop for bodies sent without a
 * length; it answers 413 without a body, so it is set higher and is not what clients normally meet.
 */
public class BodyLimitFilter {

    private final long maxBytes;

    public BodyLimitFilter(LiveDeskConfig config) {
        this.maxBytes = config.limits().maxBody().asLongValue();
    }

    @ServerRequestFilter(preMatching = true)
    public void limit(ContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return;
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            throw DeskException.invalid("invalid-content-length", "Content-Length must be a number");
        }
        if (length > maxBytes) {
            throw new DeskException(DeskException.Kind.TOO_LARGE, "body-too-large",
                    "The request body is larger than " + maxBytes + " bytes", null);
        }
    }
}
