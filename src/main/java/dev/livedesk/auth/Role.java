package dev.livedesk.auth;

/** What a credential is for. */
public enum Role {
    /** The customer of one conversation. */
    CUSTOMER,
    /** A service-desk agent: any conversation, and the agents' stream. */
    AGENT
}
