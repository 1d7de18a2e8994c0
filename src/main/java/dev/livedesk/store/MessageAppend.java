package dev.livedesk.store;

import dev.livedesk.chat.MessageEntry;

/**
 * The outcome of appending a message.
 *
 * @param entry the stored message: the new one, or the original when its clientMessageId was seen before
 * @param event the event that carries a new message; null for a repeat, which emits nothing
 */
public record MessageAppend(MessageEntry entry, StoredEvent event) {

    public boolean created() {
        return event != null;
    }
}
