package dev.livedesk.chat;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a conversation's history as JSON: a message ({@code "kind": "message"}) or, for agents only, a
 * private note ({@code "kind": "note"}), with the id of the event that carried it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEntry(long eventId, String kind, Message message, Note note) {

    public static final String MESSAGE = "message";
    public static final String NOTE = "note";

    public static HistoryEntry of(MessageEntry entry) {
        return new HistoryEntry(entry.eventId(), MESSAGE, entry.message(), null);
    }

    public static HistoryEntry of(NoteEntry entry) {
        return new HistoryEntry(entry.eventId(), NOTE, null, entry.note());
    }
}
