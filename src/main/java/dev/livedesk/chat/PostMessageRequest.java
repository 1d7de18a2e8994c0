package dev.livedesk.chat;

import java.util.List;

/**
 * Body of {@code POST /api/conversations/{id}/messages}.
 *
 * @param text        required unless the message carries attachments
 * @param attachments ids of this conversation's unused attachments, at most five
 */
public record PostMessageRequest(String text, String clientMessageId, List<String> attachments) {

    /** A message of text alone. */
    public PostMessageRequest(String text, String clientMessageId) {
        this(text, clientMessageId, null);
    }
}
