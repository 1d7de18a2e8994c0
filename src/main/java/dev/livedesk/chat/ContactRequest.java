package dev.livedesk.chat;

/** Body of {@code PUT /api/conversations/{id}/contact}: the email the customer wants to be answered at. */
public record ContactRequest(String email) {
}
