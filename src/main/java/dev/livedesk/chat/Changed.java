package dev.livedesk.chat;

import dev.livedesk.event.StoredEvent;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ConversationStore#change} did: the conversation as the decision saw it under the store's lock, as the
 * store keeps it now, the events it stored, in order, and whether the decision stored anything at all.
 */
public record Changed(Conversation before, Conversation after, List<StoredEvent> events, boolean stored) {

    public Changed {
        events = List.copyOf(events);
    }

    /** The decision stored nothing. */
    public static Changed nothing(Conversation before) {
        return new Changed(before, before, List.of(), false);
    }

    /** The decision stored {@code after} and its events. */
    public static Changed stored(Conversation before, Conversation after, List<StoredEvent> events) {
        return new Changed(before, after, events, true);
    }

    /** Whether the conversation changed its state or its assignee. */
    public boolean moved() {
        return stored && (before.status() != after.status() || !Objects.equals(before.assigneeId(), after.assigneeId()));
    }
}
