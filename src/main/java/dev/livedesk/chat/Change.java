package dev.livedesk.chat;

import dev.livedesk.event.EventDraft;

import java.util.List;

/**
 * What one decision about a conversation stores: the conversation as it becomes, and the events that announce it,
 * in order.
 */
public record Change(Conversation conversation, List<Emit> emits) {

    public Change {
        emits = List.copyOf(emits);
    }

    /**
     * The conversation to store in place of the one with {@code conversationId}; a decision may change anything
     * but the identity of what it decides on.
     *
     * @throws IllegalArgumentException when the change names another conversation
     */
    public Conversation conversationFor(String conversationId) {
        if (!conversation.id().equals(conversationId)) {
            throw new IllegalArgumentException("a change must keep the conversation's id");
        }
        return conversation;
    }

    /** The conversation as a store keeps it: the decided one, after each message it stores ({@link Conversation#after}). */
    public Conversation stored() {
        Conversation stored = conversation;
        for (Emit emit : emits) {
            stored = emit.message() == null ? stored : stored.after(emit.message());
        }
        return stored;
    }

    /**
     * {@link #stored()} for the conversation with {@code conversationId}.
     *
     * @throws IllegalArgumentException when the change names another conversation
     */
    public Conversation storedFor(String conversationId) {
        conversationFor(conversationId);
        return stored();
    }

    /** One event; when it carries a message, the message is stored in the conversation's history too. */
    public record Emit(EventDraft event, Message message) {

        public static Emit event(EventDraft event) {
            return new Emit(event, null);
        }
    }
}
