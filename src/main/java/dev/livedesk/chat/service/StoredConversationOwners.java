package dev.livedesk.chat.service;

import dev.livedesk.auth.ConversationOwners;
import dev.livedesk.chat.ConversationStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Whose a conversation is, read from the conversation store. */
@ApplicationScoped
public class StoredConversationOwners implements ConversationOwners {

    private final ConversationStore store;

    public StoredConversationOwners(ConversationStore store) {
        this.store = store;
    }

    @Override
    public Optional<Owner> ownerOf(String conversationId) {
        return store.conversation(conversationId).map(conversation -> new Owner(conversation.customerId(),
                conversation.inboxId()));
    }
}
