package dev.livedesk.agent;

/** An agent's presence. Only ONLINE agents get conversations from auto-assignment. */
public enum AgentStatus {
    ONLINE,
    AWAY,
    OFFLINE
}
