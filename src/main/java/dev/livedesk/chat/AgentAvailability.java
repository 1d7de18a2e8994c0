package dev.livedesk.chat;

/**
 * Whether an agent can take a conversation handed to it. Chat asks; presence, which knows, answers. Defined here
 * so that chat does not depend on the feature that implements it.
 */
public interface AgentAvailability {

    /** Whether the agent is OFFLINE on every replica: nobody should be handed a conversation then. */
    boolean isOffline(String agentId);
}
