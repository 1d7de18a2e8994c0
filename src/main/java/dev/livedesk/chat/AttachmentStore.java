package dev.livedesk.chat;

import dev.livedesk.event.StoreUnavailableException;

import java.time.Instant;
import java.util.Optional;

/**
 * The bytes of uploaded files, shared by every process that shares the store (so any replica serves any file).
 * An attachment is claimed by the message that carries it in {@link ConversationStore#appendMessage}, atomically
 * with that message; one never claimed is deleted by {@link #deleteUnusedBefore}.
 *
 * <p>Guarantees: a saved attachment is readable, bytes unchanged, until deleted; ids are never reused; a failure of
 * the storage throws {@link StoreUnavailableException} and saves nothing.
 */
public interface AttachmentStore {

    /** Stores a new, unused attachment and its bytes. */
    void save(Attachment attachment, byte[] content);

    Optional<Attachment> find(String id);

    /** The bytes, or empty when the attachment does not exist (any more). */
    Optional<byte[]> content(String id);

    /** Deletes attachments no message claimed that were uploaded before {@code cutoff}; returns how many. */
    int deleteUnusedBefore(Instant cutoff);
}
