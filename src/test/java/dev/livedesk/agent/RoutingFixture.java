package dev.livedesk.agent;

import dev.livedesk.auth.AgentAccount;
import dev.livedesk.auth.AgentDirectory;
import dev.livedesk.chat.ChatService;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationStatus;
import dev.livedesk.chat.LifecycleService;

/** Puts the routing application back to a blank slate: everybody offline, nothing open. */
final class RoutingFixture {

    private RoutingFixture() {
    }

    static void reset(AgentDirectory agents, PresenceService presence, ChatService chat, LifecycleService lifecycle) {
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
