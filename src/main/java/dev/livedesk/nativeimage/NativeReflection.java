package dev.livedesk.nativeimage;

import dev.livedesk.agent.AgentStatusEvent;
import dev.livedesk.agent.AgentView;
import dev.livedesk.agent.CannedResponse;
import dev.livedesk.agent.CannedResponses;
import dev.livedesk.agent.DeskStatus;
import dev.livedesk.auth.AgentAccount;
import dev.livedesk.bot.FaqEntry;
import dev.livedesk.bot.KnowledgeBase;
import dev.livedesk.chat.Conversation;
import dev.livedesk.chat.ConversationEvent;
import dev.livedesk.chat.Message;
import dev.livedesk.chat.MessageEntry;
import dev.livedesk.chat.MessageEvent;
import dev.livedesk.chat.Sender;
import dev.livedesk.web.ErrorBody;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types Jackson reads or writes outside JAX-RS (event payloads encoded once by the service, the YAML knowledge
 * base), which a native image would otherwise strip of the reflection Jackson needs. Kept here so that the domain
 * records carry no framework annotation. Resource parameters and results are registered by Quarkus itself.
 */
@RegisterForReflection(targets = {
        MessageEvent.class, ConversationEvent.class, Conversation.class, Message.class, MessageEntry.class,
        Sender.class, AgentStatusEvent.class, AgentView.class, AgentAccount.class, DeskStatus.class,
        KnowledgeBase.class, FaqEntry.class, CannedResponses.class, CannedResponse.class, ErrorBody.class})
public final class NativeReflection {

    private NativeReflection() {
    }
}
