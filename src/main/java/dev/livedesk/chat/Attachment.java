package dev.livedesk.chat;

import java.time.Instant;

/**
 * A file a customer or an agent uploaded to a conversation. Its content type is the one found in its bytes, never
 * the name or the declared type; its name is only shown, never used as a path.
 *
 * @param messageId the message that carries it, or null while unused (then it is deleted after the orphan TTL)
 */
public record Attachment(String id, String conversationId, String name, String contentType, long size,
                         Instant createdAt, String messageId) {

    /** The largest name kept; longer names are cut. */
    public static final int MAX_NAME_CHARS = 200;

    /** An attachment as messages carry it in JSON, with where to fetch it. */
    public record Ref(String id, String name, String contentType, long size, String url) {
    }

    public Ref ref() {
        return new Ref(id, name, contentType, size, "/api/attachments/" + id);
    }

    /** Whether browsers show it inline (images) rather than as a download. */
    public boolean isImage() {
        return contentType.startsWith("image/");
    }
}
