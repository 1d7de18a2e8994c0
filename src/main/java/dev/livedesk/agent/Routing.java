package dev.livedesk.agent;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of auto-assignment: queued conversations are served in {@link dev.livedesk.chat.QueueOrder}, each to
 * the candidate with the fewest open conversations below capacity; among equally busy candidates the one who got
 * a conversation least recently, then by id, so the choice never depends on list order.
 */
public final class Routing {

    private Routing() {
    }

    /**
     * The agent to give the next conversation to, or empty when every candidate is full.
     *
     * @param candidates   ids of the agents who may take one (ONLINE)
     * @param load         open conversations per agent id; missing means none
     * @param lastAssigned per agent id, a number that rises with each assignment; missing means never
     * @param maxChats     open conversations an agent may have
     */
    public static Optional<String> pick(List<String> candidates, Map<String, Integer> load,
                                        Map<String, Long> lastAssigned, int maxChats) {
        return candidates.stream()
                .filter(candidate -> load.getOrDefault(candidate, 0) < maxChats)
                .min(Comparator.<String>comparingInt(candidate -> load.getOrDefault(candidate, 0))
                        .thenComparingLong(candidate -> lastAssigned.getOrDefault(candidate, 0L))
                        .thenComparing(Comparator.naturalOrder()));
    }
}
