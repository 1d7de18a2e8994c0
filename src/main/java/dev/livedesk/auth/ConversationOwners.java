package dev.livedesk.auth;

import java.util.Optional;

/**
 * Whose a conversation is, for the one access rule a credential cannot decide alone: an identified customer's
 * token opens the conversations of that customer id. The chat feature answers it from its store.
 */
public interface ConversationOwners {

    /** The customer id and inbox of the conversation; empty for one that does not exist. */
    Optional<Owner> ownerOf(String conversationId);

    /** A conversation's customer and the inbox it came through. */
    record Owner(String customerId, String inboxId) {
    }
}
