package dev.livedesk.chat;

import java.time.Instant;

/** A private note: agents write it for each other about a conversation, and no customer ever sees it. */
public record Note(String id, String conversationId, Author author, String text, Instant createdAt) {

    /** The agent who wrote a note. */
    public record Author(String id, String name) {
    }
}
