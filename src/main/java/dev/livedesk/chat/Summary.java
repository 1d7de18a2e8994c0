package dev.livedesk.chat;

import java.time.Instant;
import java.util.List;

/**
 * What an agent's list shows about a conversation's messages, derived from them: how many the agents have not read,
 * the newest one, and since when the customer has been waiting for an answer.
 *
 * @param unread       customer messages whose event comes after the agents' read mark
 * @param lastMessage  the newest message a person or the assistant wrote (system notices such as "Alice joined the
 *                     conversation" are not what a list should preview), or null when there is none
 * @param waitingSince when the oldest customer message after the last answer (from an agent or the assistant) was
 *                     sent, or null when no customer message waits
 */
public record Summary(int unread, LastMessage lastMessage, Instant waitingSince) {

    /** Previews are cut to this many characters (code points). */
    public static final int PREVIEW_CHARS = 140;

    /** A preview of the newest message. */
    public record LastMessage(String role, String text, Instant sentAt) {
    }

    /** The summary of a conversation's messages, oldest first. */
    public static Summary of(Conversation conversation, List<MessageEntry> messages) {
        int unread = 0;
        Instant waitingSince = null;
        for (MessageEntry entry : messages) {
            String role = entry.message().sender().role();
            if (Sender.CUSTOMER.equals(role)) {
                if (entry.eventId() > conversation.agentReadUpTo()) {
                    unread++;
                }
                if (waitingSince == null) {
                    waitingSince = entry.message().sentAt();
                }
            } else if (Sender.AGENT.equals(role) || Sender.BOT.equals(role)) {
                waitingSince = null;
            }
        }
        MessageEntry last = null;
        for (int i = messages.size() - 1; i >= 0 && last == null; i--) {
            if (!Sender.SYSTEM.equals(messages.get(i).message().sender().role())) {
                last = messages.get(i);
            }
        }
        return new Summary(unread, last == null ? null : preview(last.message()), waitingSince);
    }

    /** The preview of a message: its sender's role, its text cut at {@value #PREVIEW_CHARS} characters. */
    public static LastMessage preview(Message message) {
        String text = message.text();
        if (text.codePointCount(0, text.length()) > PREVIEW_CHARS) {
            text = text.substring(0, text.offsetByCodePoints(0, PREVIEW_CHARS));
        }
        return new LastMessage(message.sender().role(), text, message.sentAt());
    }
}
