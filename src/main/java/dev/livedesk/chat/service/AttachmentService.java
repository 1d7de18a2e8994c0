package dev.livedesk.chat.service;

import dev.livedesk.chat.Attachment;
import dev.livedesk.chat.AttachmentStore;
import dev.livedesk.chat.ConversationStore;
import dev.livedesk.chat.FileTypes;
import dev.livedesk.Threads;
import dev.livedesk.auth.AuthService;
import dev.livedesk.auth.Caller;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.error.DeskException;
import dev.livedesk.event.StoreUnavailableException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Files in conversations: what may be uploaded (allowed types by their bytes, a size cap), who may download them
 * (the conversation's customer and agents), and the clean-up of files no message ever carried.
 */
@ApplicationScoped
public class AttachmentService {

    private static final Logger LOG = Logger.getLogger(AttachmentService.class);

    /** A file of the stored attachment, with what a download needs to know. */
    public record Download(Attachment attachment, byte[] content) {
    }

    private final AttachmentStore store;
    private final ConversationStore conversations;
    private final AuthService auth;
    private final long maxBytes;
    private final Duration orphanTtl;
    private final Clock clock;
    private final ScheduledExecutorService sweeper = Threads.scheduler("livedesk-attachment-sweeper");

    public AttachmentService(AttachmentStore store, ConversationStore conversations, AuthService auth,
                             LiveDeskConfig config, Clock clock) {
        this.auth = auth;
        this.clock = clock;
        this.store = store;
        this.conversations = conversations;
        this.maxBytes = config.attachments().maxBytes().asLongValue();
        this.orphanTtl = config.attachments().orphanTtl();
        long every = Math.max(1000, Math.min(orphanTtl.toMillis() / 4, 60_000));
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Stores an uploaded file for the conversation, unused until a message carries it.
     *
     * @param file the upload as Quarkus saved it; its name is kept only to show
     * @throws DeskException NOT_FOUND for an unknown conversation; INVALID without a file; TOO_LARGE over the cap;
     *                       UNSUPPORTED unless its bytes are of an allowed type
     */
    public Attachment upload(String conversationId, String name, Path file) {
        if (conversations.conversation(conversationId).isEmpty()) {
            throw DeskException.notFound("No conversation " + conversationId);
        }
        if (file == null) {
            throw DeskException.invalid("invalid-file", "A multipart part named \"file\" is required");
        }
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new DeskException(DeskException.Kind.TOO_LARGE, "file-too-large",
                        "A file may have at most " + maxBytes + " bytes", null);
            }
            byte[] head = new byte[FileTypes.HEAD];
            int read;
            try (InputStream in = Files.newInputStream(file)) {
                read = in.readNBytes(head, 0, head.length);
            }
            String type = FileTypes.detect(Arrays.copyOf(head, read)).orElseThrow(() ->
                    new DeskException(DeskException.Kind.UNSUPPORTED, "unsupported-type",
                            "Only PNG, JPEG, WebP and GIF images and PDF documents may be sent", null));
            Attachment attachment = new Attachment(UUID.randomUUID().toString(), conversationId, shownName(name, type),
                    type, size, clock.instant(), null);
            store.save(attachment, Files.readAllBytes(file));
            return attachment;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an uploaded file", e);
        }
    }

    /**
     * The file, for the conversation's customer or an agent.
     *
     * @throws DeskException NOT_FOUND for an unknown file; FORBIDDEN for anyone else
     */
    public Download download(Caller caller, String id) {
        Attachment attachment = store.find(id).orElseThrow(() -> DeskException.notFound("No attachment " + id));
        auth.conversation(caller, attachment.conversationId());
        byte[] content = store.content(id).orElseThrow(() -> DeskException.notFound("No attachment " + id));
        return new Download(attachment, content);
    }

    /** A name to show: the client's, without any path, cut, and never empty. */
    static String shownName(String given, String type) {
        String name = given == null ? "" : given.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        if (name.isEmpty()) {
            name = type.equals("application/pdf") ? "document.pdf" : "image";
        }
        return name.length() > Attachment.MAX_NAME_CHARS ? name.substring(0, Attachment.MAX_NAME_CHARS) : name;
    }

    private void sweep() {
        try {
            int deleted = store.deleteUnusedBefore(clock.instant().minus(orphanTtl));
            if (deleted > 0) {
                LOG.debugf("Deleted %d attachments no message carried", deleted);
            }
        } catch (StoreUnavailableException e) {
            LOG.debugf("Attachment clean-up skipped: %s", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
    }
}
