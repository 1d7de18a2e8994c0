package dev.livedesk.chat;

/** The result of posting: the stored message, and whether this request created it or repeated an earlier one. */
public record PostedMessage(MessageEntry entry, boolean created) {
}
