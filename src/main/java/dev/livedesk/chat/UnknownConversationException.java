package dev.livedesk.chat;

import dev.livedesk.error.DeskException;

/** A request or a store write named a conversation that does not exist: a 404 at the edge. */
public final class UnknownConversationException extends DeskException {

    public UnknownConversationException(String conversationId) {
        super(Kind.NOT_FOUND, "not-found", "No conversation " + conversationId, null);
    }
}
