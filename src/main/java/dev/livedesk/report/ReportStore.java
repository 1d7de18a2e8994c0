package dev.livedesk.report;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The team's figures, computed where the conversations are stored.
 *
 * <p>Guarantees every implementation keeps:
 * <ul>
 *   <li><b>Computed from what is stored, not remembered.</b> Figures are read from the conversations (with their
 *       {@code Milestones}) and messages as committed, so every process sharing the store answers alike and a restart
 *       changes nothing. Nothing is cached: a change is in the next answer.</li>
 *   <li><b>One definition.</b> Ranges are half-open, {@code [from, to)}; a conversation belongs to the range it
 *       was created in, a message to the range it was sent in. Percentiles interpolate between ranks
 *       ({@link Spread#percentile}); every implementation gives the same figures for the same data.</li>
 *   <li><b>Bounded work.</b> The PostgreSQL store answers with aggregates over indexed columns; it never loads every
 *       event or message into memory. {@link #rows} hands rows over one at a time.</li>
 *   <li><b>By inbox.</b> Every read takes the inboxes to cover: only their conversations count, and of messages
 *       only those of their conversations; null covers every inbox. Whether a customer came back (the "reopened"
 *       figure) looks at all their conversations, in any inbox.</li>
 *   <li><b>Failures.</b> A storage that cannot be reached throws
 *       {@link dev.livedesk.event.StoreUnavailableException}.</li>
 * </ul>
 */
public interface ReportStore {

    /** How many recent ratings a summary lists. */
    int RECENT_RATINGS = 20;

    /** The reads a summary makes. */
    record Snapshot(ConversationFigures figures, List<AgentFigures> agents, List<Activity> activity,
                    List<RecentRating> recentRatings) {
    }

    /**
     * {@link #figures}, {@link #agents}, {@link #activity} and the newest {@link #RECENT_RATINGS} {@link #recentRatings}
     * of one range together. An implementation may run them at once, each on its own consistent view: a change
     * committed meanwhile may show in one and not yet in another.
     */
    default Snapshot snapshot(Instant from, Instant to, Instant quietSince, Set<String> inboxIds) {
        return new Snapshot(figures(from, to, quietSince, inboxIds), agents(from, to, inboxIds),
                activity(from, to, inboxIds), recentRatings(from, to, RECENT_RATINGS, inboxIds));
    }

    /**
     * Figures over the conversations created in {@code [from, to)} ({@link ConversationFigures}): a conversation
     * only the assistant had has ended once resolved, or once its customer has written nothing since
     * {@code quietSince}.
     */
    ConversationFigures figures(Instant from, Instant to, Instant quietSince, Set<String> inboxIds);

    /** The newest {@code limit} ratings of the conversations created in {@code [from, to)}, newest first. */
    List<RecentRating> recentRatings(Instant from, Instant to, int limit, Set<String> inboxIds);

    /** Each agent with a conversation or a first response in the range, by agent id. */
    List<AgentFigures> agents(Instant from, Instant to, Set<String> inboxIds);

    /** The quarter hours of {@code [from, to)} in which anything happened, oldest first. */
    List<Activity> activity(Instant from, Instant to, Set<String> inboxIds);

    /** Each conversation created in {@code [from, to)}, oldest first. */
    void rows(Instant from, Instant to, Set<String> inboxIds, Consumer<ReportRow> row);
}
