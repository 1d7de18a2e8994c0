package dev.livedesk.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * What each queued customer was last told of their place, so that a pass tells only those whose place or expected
 * wait changed. A place follows from the queue's order and two terms (agents online, the average wait), so the last
 * pass's queue and terms are all it keeps: a customer at the same index of the same-termed queue is told nothing,
 * and that check is a string comparison per customer where a map of what each was told would hash every id twice a
 * pass, with thousands queued.
 *
 * <p>Not thread-safe: the status service's passes run one at a time.
 */
final class QueuePlaces {

    /** A customer to tell: the conversation and its place. */
    record Told(String conversationId, QueuePosition position) {
    }

    private List<String> queue = List.of();
    private int online;
    private double averageWaitSeconds;

    /** The place at {@code position} (1 is next): the average wait per online agent, times the position. */
    static QueuePosition place(int position, int online, double averageWaitSeconds) {
        return new QueuePosition(position, online == 0 ? null : Math.round(averageWaitSeconds * position / online),
                online);
    }

    /**
     * The customers of {@code queue} (oldest first) whose place differs from what they were told in the last pass,
     * in queue order; remembers this pass. A customer who left the queue and is back is told again.
     */
    List<Told> next(List<String> queue, int online, double averageWaitSeconds) {
        boolean sameTerms = online == this.online && averageWaitSeconds == this.averageWaitSeconds;
        List<Told> changed = new ArrayList<>();
        for (int i = 0; i < queue.size(); i++) {
            String id = queue.get(i);
            QueuePosition place = place(i + 1, online, averageWaitSeconds);
            boolean same = i < this.queue.size() && id.equals(this.queue.get(i))
                    && (sameTerms || place.equals(place(i + 1, this.online, this.averageWaitSeconds)));
            if (!same) {
                changed.add(new Told(id, place));
            }
        }
        this.queue = List.copyOf(queue);
        this.online = online;
        this.averageWaitSeconds = averageWaitSeconds;
        return changed;
    }
}
