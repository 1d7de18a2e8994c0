package dev.livedesk.chat;

/**
 * Which conversations an agent's view lists; every criterion is optional (null or false: any).
 *
 * @param assigneeId only those assigned to this agent
 * @param unassigned only those nobody is assigned to
 * @param label      only those with this label
 */
public record ConversationFilter(ConversationStatus status, String assigneeId, boolean unassigned, String label) {

    public static final ConversationFilter ALL = new ConversationFilter(null, null, false, null);

    public boolean matches(Conversation conversation) {
        return (status == null || conversation.status() == status)
                && (assigneeId == null || assigneeId.equals(conversation.assigneeId()))
                && (!unassigned || conversation.assigneeId() == null)
                && (label == null || conversation.labels().contains(label));
    }
}
