package dev.livedesk.auth;

/** What a credential is for. */
public enum Role {
    /** The customer of one conversation. */
    CUSTOMER,
    /** A service-desk agent: any conversation, and the agents' stream. */
    AGENT,
    /** An agent who also reads the team's reports and may assign any conversation, a colleague's too. */
    SUPERVISOR;

    /** Whether the credential is a member of the desk's staff (an agent or a supervisor). */
    public boolean isStaff() {
        return this != CUSTOMER;
    }
}
