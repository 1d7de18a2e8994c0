package dev.livedesk.inbox;

import dev.livedesk.error.DeskException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The chat that sdk.js puts on a website, as the page of its iframe. Only the inbox's allowed origins may frame it
 * (and, for the default inbox, this service's own pages too: the demo shop runs it): its
 * {@code Content-Security-Policy} says so with {@code frame-ancestors}, so another site cannot show it. Everything else is the strict policy of every page; images may also come from
 * {@code blob:}, since in an iframe the widget fetches a file with its token and shows it from memory.
 */
@Path("/embed")
public class EmbedResource {

    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors";

    private final InboxService inboxes;
    private final String template;

    public EmbedResource(InboxService inboxes) {
        this.inboxes = inboxes;
        try (InputStream page = EmbedResource.class.getResourceAsStream("/embed/frame.html")) {
            if (page == null) {
                throw new IllegalStateException("embed/frame.html is not on the class path");
            }
            this.template = new String(page.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Path("/{websiteToken}")
    @Produces(MediaType.TEXT_HTML)
    @PermitAll
    public Response page(@PathParam("websiteToken") String websiteToken) {
        Inbox inbox;
        try {
            inbox = inboxes.forWebsiteToken(websiteToken);
        } catch (DeskException unknown) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN)
                    .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                    .entity("No inbox has this website token.").build();
        }
        String html = template.replace("{{websiteToken}}", attribute(inbox.websiteToken()))
                .replace("{{allowedOrigins}}", attribute(String.join(" ", inbox.allowedOrigins())))
                .replace("{{inboxName}}", attribute(inbox.name()))
                .replace("{{color}}", attribute(inbox.color() == null ? "" : inbox.color()));
        return Response.ok(html)
                .header("Content-Security-Policy", policy(inbox))
                .header("Cache-Control", "no-store")
                .build();
    }

    /**
     * The page's policy: frame-ancestors names exactly the inbox's allowed origins ({@code 'none'} when it has none),
     * and for the default inbox this service ({@code 'self'}) before them.
     */
    static String policy(Inbox inbox) {
        List<String> ancestors = new ArrayList<>();
        if (inbox.isDefault()) {
            ancestors.add("'self'");
        }
        ancestors.addAll(inbox.allowedOrigins());
        return POLICY + " " + (ancestors.isEmpty() ? "'none'" : String.join(" ", ancestors));
    }

    private static String attribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
