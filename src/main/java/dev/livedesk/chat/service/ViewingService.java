package dev.livedesk.chat.service;

import dev.livedesk.auth.Caller;
import dev.livedesk.chat.Conversation;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.event.EventTypes;
import dev.livedesk.event.StreamKey;
import dev.livedesk.stream.StreamHub;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * Which agent has which conversation open, so that two agents never work one conversation blindly: ephemeral
 * {@code viewing} events (no id, never stored) on the agents' stream only, never on a conversation's stream, so a
 * customer never sees them. A console refreshes its "viewing" while the conversation is open; one not refreshed for
 * {@code livedesk.presence.viewing-timeout} ends by itself.
 */
@ApplicationScoped
public class ViewingService {

    private final StreamHub hub;
    private final ChatEvents events;
    private final ExpiringSignals signals;

    public ViewingService(StreamHub hub, ChatEvents events, LiveDeskConfig config) {
        this.hub = hub;
        this.events = events;
        this.signals = new ExpiringSignals("livedesk-viewing", config.presence().viewingTimeout().toMillis());
    }

    /** Reports that the agent opened (or still has open) or closed the conversation. */
    public void viewing(Caller agent, Conversation conversation, boolean viewing) {
        signals.report(conversation.id() + "|" + agent.id(), viewing, () -> send(agent, conversation, false));
        send(agent, conversation, viewing);
    }

    /** Sends the signal to the agents of the conversation's inbox. */
    private void send(Caller agent, Conversation conversation, boolean viewing) {
        String data = events.encode(Map.of("conversationId", conversation.id(),
                "agent", Map.of("id", agent.id(), "name", agent.name()), "viewing", viewing));
        hub.publishEphemeral(StreamKey.AGENTS, EventTypes.VIEWING, data, conversation.inboxId());
    }

    @PreDestroy
    void stop() {
        signals.stop();
    }
}
