package dev.livedesk.auth;

import java.util.Set;

/**
 * The inboxes whose conversations a member of staff may see: every inbox for an admin, the ones they belong to for
 * anyone else.
 *
 * @param inboxIds the inboxes, or null for every inbox
 */
public record InboxScope(Set<String> inboxIds) {

    /** Every inbox. */
    public static final InboxScope ALL = new InboxScope(null);

    public InboxScope {
        inboxIds = inboxIds == null ? null : Set.copyOf(inboxIds);
    }

    public boolean isAll() {
        return inboxIds == null;
    }

    public boolean includes(String inboxId) {
        return inboxIds == null || inboxIds.contains(inboxId);
    }
}
