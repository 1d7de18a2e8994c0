package dev.livedesk.agent;

import dev.livedesk.auth.AgentAccount;
import dev.livedesk.auth.AgentDirectory;
import dev.livedesk.chat.service.ChatService;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.service.LifecycleService;
import jakarta.enterprise.context.ApplicationScoped;

/** Puts the routing application back to a blank slate: everybody offline, nothing open. */
@ApplicationScoped
public class RoutingFixture {

    private final AgentDirectory agents;
    private final PresenceService presence;
    private final ChatService chat;
    private final LifecycleService lifecycle;

    public RoutingFixture(AgentDirectory agents, PresenceService presence, ChatService chat,
                          LifecycleService lifecycle) {
        this.agents = agents;
        this.presence = presence;
        this.chat = chat;
        this.lifecycle = lifecycle;
    }

    void reset() {
        for (AgentAccount agent : agents.all()) {
            presence.set(agent, AgentStatus.OFFLINE);
        }
        for (Conversation conversation : chat.list(null, null)) {
            if (conversation.status() != ConversationStatus.RESOLVED) {
                lifecycle.resolve(conversation.id());
            }
        }
    }
}
