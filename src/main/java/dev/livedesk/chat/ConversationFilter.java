package dev.livedesk.chat;

import java.util.Set;

/**
 * Which conversations an agent's view lists; every criterion is optional (null or false: any).
 *
 * @param openOnly   only those not resolved
 * @param assigneeId only those assigned to this agent
 * @param unassigned only those nobody is assigned to
 * @param label      only those with this label
 * @param followUp   only those flagged for this follow-up (e.g. {@code email})
 * @param inboxIds   only those of these inboxes (the ones the agent belongs to)
 */
public record ConversationFilter(ConversationStatus status, boolean openOnly, String assigneeId, boolean unassigned,
                                 String label, String followUp, Set<String> inboxIds) {

    public static final ConversationFilter ALL = new ConversationFilter(null, false, null, false, null, null);

    public ConversationFilter {
        inboxIds = inboxIds == null ? null : Set.copyOf(inboxIds);
    }

    /** Of any inbox. */
    public ConversationFilter(ConversationStatus status, boolean openOnly, String assigneeId, boolean unassigned,
                              String label, String followUp) {
        this(status, openOnly, assigneeId, unassigned, label, followUp, null);
    }

    public ConversationFilter(ConversationStatus status, String assigneeId, boolean unassigned, String label) {
        this(status, false, assigneeId, unassigned, label, null);
    }

    public boolean matches(Conversation conversation) {
        return (status == null || conversation.status() == status)
                && (!openOnly || conversation.status() != ConversationStatus.RESOLVED)
                && (assigneeId == null || assigneeId.equals(conversation.assigneeId()))
                && (!unassigned || conversation.assigneeId() == null)
                && (label == null || conversation.labels().contains(label))
                && (followUp == null || followUp.equals(conversation.profile().followUp()))
                && (inboxIds == null || inboxIds.contains(conversation.inboxId()));
    }
}
