package dev.livedesk.chat;

import java.util.Comparator;
import java.util.List;

/** The order the queue is served in: the longest waiting first (queued longest ago), ties by id. */
public final class QueueOrder {

    private QueueOrder() {
    }

    /** The queued conversations in serving order. */
    public static List<Conversation> of(List<Conversation> queued) {
        return queued.stream().sorted(Comparator.comparing(Conversation::updatedAt).thenComparing(Conversation::id))
                .toList();
    }

    /** The 1-based place of a conversation in the queue, or null when it is not queued. */
    public static Integer positionOf(String conversationId, List<Conversation> queued) {
        List<Conversation> ordered = of(queued);
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).id().equals(conversationId)) {
                return i + 1;
            }
        }
        return null;
    }
}
