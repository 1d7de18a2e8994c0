package dev.livedesk.chat;

import dev.livedesk.event.StoredEvent;


/**
 * The outcome of appending a message.
 *
 * @param entry the stored message: the new one, or the original when its clientMessageId was seen before
 * @param event        the event that carries a new message; null for a repeat, which emits nothing
 * @param conversation the conversation as it was when the message was stored (read under the same lock)
 */
public record MessageAppend(MessageEntry entry, StoredEvent event, Conversation conversation) {

    public boolean created() {
        return event != null;
    }
}
