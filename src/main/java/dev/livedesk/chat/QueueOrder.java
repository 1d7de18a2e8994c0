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
}
