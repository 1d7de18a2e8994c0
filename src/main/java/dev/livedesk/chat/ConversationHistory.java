package dev.livedesk.chat;

import java.util.List;

/** A customer's other conversations, newest first. */
public record ConversationHistory(List<ConversationView.ForAgents> conversations) {
}
