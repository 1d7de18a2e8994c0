package dev.livedesk.chat;

import java.util.List;

/** Answer to a search: the conversations found, newest first. */
public record SearchResult(List<Hit> conversations) {

    /** A conversation found, with the piece of text that matched. */
    public record Hit(ConversationView.ForAgents conversation, String snippet) {
    }
}
