package dev.livedesk.store;

import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.Message;

import java.util.List;

/**
 * What one decision about a conversation stores: the conversation as it becomes, and the events that announce it,
 * in order.
 */
public record Change(Conversation conversation, List<Emit> emits) {

    public Change {
        emits = List.copyOf(emits);
    }

    /** One event; when it carries a message, the message is stored in the conversation's history too. */
    public record Emit(EventDraft event, Message message) {

        public static Emit event(EventDraft event) {
            return new Emit(event, null);
        }
    }
}
