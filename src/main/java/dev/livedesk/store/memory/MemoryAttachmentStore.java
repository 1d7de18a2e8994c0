package dev.livedesk.store.memory;

import dev.livedesk.chat.Attachment;
import dev.livedesk.chat.AttachmentStore;
import dev.livedesk.error.DeskException;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Attachments on the heap, under the memory store's one lock, so a message claims its files atomically. */
public final class MemoryAttachmentStore implements AttachmentStore {

    private record Stored(Attachment attachment, byte[] content) {
    }

    private final MemoryEventLog log;
    private final Map<String, Stored> attachments = new HashMap<>();

    public MemoryAttachmentStore(MemoryEventLog log) {
        this.log = log;
    }

    @Override
    public void save(Attachment attachment, byte[] content) {
        synchronized (log.lock()) {
            attachments.put(attachment.id(), new Stored(attachment, content.clone()));
        }
    }

    @Override
    public Optional<Attachment> find(String id) {
        synchronized (log.lock()) {
            return Optional.ofNullable(attachments.get(id)).map(Stored::attachment);
        }
    }

    @Override
    public Optional<byte[]> content(String id) {
        synchronized (log.lock()) {
            return Optional.ofNullable(attachments.get(id)).map(stored -> stored.content().clone());
        }
    }

    @Override
    public int deleteUnusedBefore(Instant cutoff) {
        synchronized (log.lock()) {
            int before = attachments.size();
            attachments.values().removeIf(stored -> stored.attachment().messageId() == null
                    && stored.attachment().createdAt().isBefore(cutoff));
            return before - attachments.size();
        }
    }

    /**
     * Marks the attachments as carried by the message; callers hold the log's lock.
     *
     * @throws DeskException INVALID unless every one exists, belongs to the conversation and is unused
     */
    void claim(String conversationId, List<String> ids, String messageId) {
        for (String id : ids) {
            Stored stored = attachments.get(id);
            if (stored == null || !stored.attachment().conversationId().equals(conversationId)
                    || stored.attachment().messageId() != null) {
                throw DeskException.invalid("invalid-attachments",
                        "Attachment " + id + " is not an unused attachment of this conversation");
            }
        }
        for (String id : ids) {
            Attachment unused = attachments.get(id).attachment();
            attachments.put(id, new Stored(new Attachment(unused.id(), unused.conversationId(), unused.name(),
                    unused.contentType(), unused.size(), unused.createdAt(), messageId), attachments.get(id).content()));
        }
    }
}
