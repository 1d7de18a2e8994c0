package dev.livedesk.chat;

/** Answer to a note: the note and the id of its event on the agents' stream. */
public record NotePosted(long eventId, Note note) {
}
