package dev.livedesk.chat;

/**
 * Which page of a list to read: conversations in creation order, oldest or newest first, after the one at
 * position {@code after} (null: from the start), at most {@code limit}.
 */
public record PageRequest(boolean newestFirst, Long after, int limit) {

    public PageRequest {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }
}
