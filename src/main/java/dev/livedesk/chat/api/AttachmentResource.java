package dev.livedesk.chat.api;

import dev.livedesk.chat.Attachment;
import dev.livedesk.chat.service.AttachmentService;
import io.quarkus.security.Authenticated;
import dev.livedesk.auth.AuthService;
import dev.livedesk.auth.Caller;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Serves a conversation's files to its customer and to agents, so that nothing in them can act in this origin:
 * the stored type (found in the bytes) and images inline but PDFs as downloads; {@code nosniff} and the sandboxing CSP
 * come from the HTTP filters configured in application.properties, once each.
 */
@Path("/api/attachments")
public class AttachmentResource {

    private final AttachmentService attachments;
    private final AuthService auth;

    public AttachmentResource(AttachmentService attachments, AuthService auth) {
        this.attachments = attachments;
        this.auth = auth;
    }

    @GET
    @Path("/{id}")
    @Blocking
    @Authenticated
    public Response download(@PathParam("id") String id) {
        Caller caller = auth.caller();
        AttachmentService.Download download = attachments.download(caller, id);
        Attachment attachment = download.attachment();
        String disposition = (attachment.isImage() ? "inline" : "attachment") + "; filename*=UTF-8''"
                + URLEncoder.encode(attachment.name(), StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(download.content(), attachment.contentType())
                .header("Content-Disposition", disposition)
                .header("Cache-Control", "private, max-age=86400")
                .build();
    }
}
