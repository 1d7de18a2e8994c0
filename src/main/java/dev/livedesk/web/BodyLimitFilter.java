package dev.livedesk.web;

import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.error.DeskException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.regex.Pattern;

/**
 * Refuses a body over {@code livedesk.limits.max-body} (an upload: over {@code livedesk.attachments.max-bytes} plus
 * room for the multipart framing) by its declared length, with the JSON error, before it is read. A body sent without
 * a length is cut off at the same limit and with the same error by {@link RequestBodyRoute} over HTTP/1.x; otherwise
 * (HTTP/2, uploads) Quarkus' own {@code quarkus.http.limits.max-body-size} is the backstop, which answers 413 without
 * a body, so it is set higher and is not what clients normally meet.
 */
public class BodyLimitFilter {

    /** What multipart framing adds to a file: boundaries, part headers, a long file name. */
    static final long MULTIPART_OVERHEAD = 16 * 1024;
    private static final Pattern UPLOAD = Pattern.compile("/api/conversations/[^/]+/attachments/?");

    private final long maxBytes;
    private final long maxUploadBytes;

    public BodyLimitFilter(LiveDeskConfig config) {
        this.maxBytes = config.limits().maxBody().asLongValue();
        this.maxUploadBytes = config.attachments().maxBytes().asLongValue() + MULTIPART_OVERHEAD;
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
        long max = UPLOAD.matcher(request.getUriInfo().getPath()).matches() ? maxUploadBytes : maxBytes;
        if (length > max) {
            throw tooLarge(max);
        }
    }

    static DeskException tooLarge(long max) {
        return new DeskException(DeskException.Kind.TOO_LARGE, "body-too-large",
                "The request body is larger than " + max + " bytes", null);
    }
}
