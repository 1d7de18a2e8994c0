package dev.livedesk.chat;

/** A stored note with the id of the event that carried it. */
public record NoteEntry(long eventId, Note note) {
}
