package dev.livedesk.chat;

import java.time.Instant;
import java.util.List;

/**
 * One chat message; {@code clientMessageId} is the sender's idempotency key, or null.
 *
 * @param text        the text; empty for a message that only carries attachments
 * @param attachments the files it carries, in the order given
 */
public record Message(
        String id,
        String conversationId,
        Sender sender,
        String text,
        Instant sentAt,
        String clientMessageId,
        List<Attachment.Ref> attachments) {

    public Message {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A message of text alone. */
    public Message(String id, String conversationId, Sender sender, String text, Instant sentAt,
                   String clientMessageId) {
        this(id, conversationId, sender, text, sentAt, clientMessageId, List.of());
    }
}
