package dev.livedesk.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livedesk.event.EventDraft;
import dev.livedesk.event.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** Builds the events the chat emits, encoding each payload to one line of JSON exactly once. */
@ApplicationScoped
public class ChatEvents {

    private final ObjectMapper json;

    public ChatEvents(ObjectMapper json) {
        this.json = json;
    }

    public EventDraft message(Message message) {
        return new EventDraft(EventTypes.MESSAGE, message.conversationId(),
                encode(new MessageEvent(message.conversationId(), message)));
    }

    public EventDraft conversation(String change, Conversation conversation) {
        return new EventDraft(EventTypes.CONVERSATION, conversation.id(),
                encode(new ConversationEvent(conversation.id(), change, conversation)));
    }

    public EventDraft read(Conversation conversation, Sender reader, long upTo) {
        return new EventDraft(EventTypes.READ, conversation.id(), encode(Map.of(
                "conversationId", conversation.id(), "reader", reader, "upTo", upTo)));
    }

    /** Encodes a payload for an event; a failure here is a bug, not bad input. */
    public String encode(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode " + payload.getClass().getSimpleName(), e);
        }
    }
}
