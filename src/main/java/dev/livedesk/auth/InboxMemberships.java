package dev.livedesk.auth;

import java.util.Set;

/**
 * Which inboxes staff belong to, for the rule that roles cannot express: an agent or supervisor sees, lists, finds,
 * streams and is given only the conversations of the inboxes they belong to (admins: every inbox). The inbox feature
 * answers it, from memory: it is asked on event loops, for every event of the agents' stream.
 */
public interface InboxMemberships {

    /** Whether the agent belongs to the inbox. */
    boolean isMember(String agentId, String inboxId);

    /** The ids of the inboxes the agent belongs to. */
    Set<String> inboxesOf(String agentId);
}
