package dev.livedesk.chat;

/**
 * Which conversations an agent's view lists; every criterion is optional (null or false: any).
 *
 * @param openOnly   only those not resolved
 * @param assigneeId only those assigned to this agent
 * @param unassigned only those nobody is assigned to
 * @param label      only those with this label
 * @param followUp   only those flagged for this follow-up (e.g. {@code email})
 */
public record ConversationFilter(ConversationStatus status, boolean openOnly, String assigneeId, boolean unassigned,
                                 String label, String followUp) {

    public static final ConversationFilter ALL = new ConversationFilter(null, false, null, false, null, null);

    public ConversationFilter(ConversationStatus status, String assigneeId, boolean unassigned, String label) {
        this(status, false, assigneeId, unassigned, label, null);
    }

    public boolean matches(Conversation conversation) {
        return (status == null || conversation.status() == status)
                && (!openOnly || conversation.status() != ConversationStatus.RESOLVED)
                && (assigneeId == null || assigneeId.equals(conversation.assigneeId()))
                && (!unassigned || conversation.assigneeId() == null)
                && (label == null || conversation.labels().contains(label))
                && (followUp == null || followUp.equals(conversation.profile().followUp()));
    }
}
