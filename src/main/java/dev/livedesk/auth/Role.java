package dev.livedesk.auth;

/** What a credential is for. */
public enum Role {
    /** The customer of one conversation. */
    CUSTOMER,
    /** A service-desk agent: any conversation, and the agents' stream. */
    AGENT,
    /** An agent who also reads the team's reports and may assign any conversation, a colleague's too. */
    SUPERVISOR,
    /** A supervisor who also manages inboxes (websites and brands) and who belongs to which. */
    ADMIN;

    /** Whether the credential is a member of the desk's staff (an agent, a supervisor or an admin). */
    public boolean isStaff() {
        return this != CUSTOMER;
    }

    /** Whether the credential has a supervisor's rights: admin ⊇ supervisor ⊇ agent. */
    public boolean isSupervisor() {
        return this == SUPERVISOR || this == ADMIN;
    }
}
