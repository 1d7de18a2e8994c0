package dev.livedesk.chat;

/** Body of {@code POST /api/conversations/{id}/notes}. */
public record NoteRequest(String text) {
}
