package dev.livedesk.chat;

/** A stored message with the id of the event that carried it, so a client can resume its stream from there. */
public record MessageEntry(long eventId, Message message) {
}
