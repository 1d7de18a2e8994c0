package dev.livedesk.chat.service;

import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationEvent;
import dev.livedesk.chat.ConversationView;
import dev.livedesk.chat.Message;
import dev.livedesk.chat.MessageEvent;
import dev.livedesk.chat.Note;
import dev.livedesk.chat.Sender;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livedesk.auth.AgentAccount;
import dev.livedesk.auth.AgentDirectory;
import dev.livedesk.event.Audience;
import dev.livedesk.event.EventDraft;
import dev.livedesk.event.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/** Builds the events the chat emits, encoding each payload to one line of JSON exactly once. */
@ApplicationScoped
public class ChatEvents {

    private final ObjectMapper json;
    private final AgentDirectory agents;

    public ChatEvents(ObjectMapper json, AgentDirectory agents) {
        this.json = json;
        this.agents = agents;
    }

    /** The customer's view of a conversation, with the display name of the agent who has it. */
    ConversationView.ForCustomer forCustomer(Conversation conversation, Integer queuePosition) {
        String name = conversation.assigneeId() == null ? null
                : agents.find(conversation.assigneeId()).map(AgentAccount::displayName).orElse(null);
        return ConversationView.forCustomer(conversation, name, queuePosition);
    }

    public EventDraft message(Message message) {
        return new EventDraft(EventTypes.MESSAGE, message.conversationId(),
                encode(new MessageEvent(message.conversationId(), message)));
    }

    /**
     * A change of the conversation, as two events: the customer's view on the conversation's stream and the agents'
     * view on the agents' stream.
     */
    public List<EventDraft> conversation(String change, Conversation conversation) {
        return List.of(new EventDraft(EventTypes.CONVERSATION, conversation.id(), encode(new ConversationEvent(
                        conversation.id(), change, forCustomer(conversation, null))), Audience.CONVERSATION),
                forAgents(change, conversation));
    }

    /** A change only agents hear of (labels): the agents' view on the agents' stream. */
    public EventDraft forAgents(String change, Conversation conversation) {
        return new EventDraft(EventTypes.CONVERSATION, conversation.id(), encode(new ConversationEvent(
                conversation.id(), change, ConversationView.forAgents(conversation))), Audience.AGENTS);
    }

    public EventDraft read(Conversation conversation, Sender reader, long upTo) {
        return new EventDraft(EventTypes.READ, conversation.id(), encode(Map.of(
                "conversationId", conversation.id(), "reader", reader, "upTo", upTo)));
    }

    /** A customer's rating: on the agents' stream (the customer sees it in their conversation's JSON). */
    public EventDraft rating(Conversation conversation) {
        return new EventDraft(EventTypes.RATING, conversation.id(), encode(Map.of(
                "conversationId", conversation.id(), "customerName", conversation.customerName(),
                "rating", conversation.rating())), Audience.AGENTS);
    }

    /** A private note: on the agents' stream only, never on the conversation's. */
    public EventDraft note(Note note) {
        return new EventDraft(EventTypes.NOTE, note.conversationId(), encode(Map.of(
                "conversationId", note.conversationId(), "note", note)), Audience.AGENTS);
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
