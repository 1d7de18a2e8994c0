package dev.livedesk.chat;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * One chat message; {@code clientMessageId} is the sender's idempotency key, or null.
 *
 * @param text        the text; empty for a message that only carries attachments
 * @param attachments the files it carries, in the order given
 * @param suggestions topics the assistant offers with a reply it is not sure of; empty (and left out of the JSON)
 *                    for every other message
 */
public record Message(
        String id,
        String conversationId,
        Sender sender,
        String text,
        Instant sentAt,
        String clientMessageId,
        List<Attachment.Ref> attachments,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Suggestion> suggestions) {

    public Message {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
    }

    /** A message with text and attachments. */
    public Message(String id, String conversationId, Sender sender, String text, Instant sentAt,
                   String clientMessageId, List<Attachment.Ref> attachments) {
        this(id, conversationId, sender, text, sentAt, clientMessageId, attachments, List.of());
    }

    /** A message of text alone. */
    public Message(String id, String conversationId, Sender sender, String text, Instant sentAt,
                   String clientMessageId) {
        this(id, conversationId, sender, text, sentAt, clientMessageId, List.of(), List.of());
    }
}
