package dev.livedesk.inbox;

import java.util.List;

/** Body of {@code PUT /api/inboxes/{id}/members}: the agents (usernames) who belong to the inbox from now on. */
public record MembersRequest(List<String> agentIds) {
}
