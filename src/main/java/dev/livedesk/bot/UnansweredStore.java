package dev.livedesk.bot;

import java.time.Instant;
import java.util.List;

/**
 * The customer questions the assistant could not answer: how the knowledge base learns what to add.
 *
 * <p>Guarantees every implementation keeps:
 * <ul>
 *   <li><b>Kept as asked.</b> A recorded question reads back equal, any Unicode text included, its time to the
 *       microsecond; every process sharing the store sees it. Recording may return before the question is
 *       readable: it is a report, and the assistant does not wait for it.</li>
 *   <li><b>Newest first, bounded.</b> {@link #since} answers the newest questions first and never more than asked
 *       for, so a busy desk's list costs the same to read as a quiet one's. The memory store keeps only the newest
 *       {@value #MEMORY_LIMIT}.</li>
 *   <li><b>Failures.</b> A storage that cannot be reached throws
 *       {@link dev.livedesk.event.StoreUnavailableException} from {@link #since}; a question that could not be
 *       recorded is lost (logged), never the customer's reply.</li>
 * </ul>
 */
public interface UnansweredStore {

    /** How many questions the memory store keeps. */
    int MEMORY_LIMIT = 10_000;

    /**
     * One question the assistant could not answer.
     *
     * @param handedOff whether this miss handed the conversation to a person (the last one allowed in a row)
     */
    record Unanswered(String conversationId, String lang, String text, boolean handedOff, Instant at) {
    }

    void record(Unanswered question);

    /** The questions recorded at or after {@code from}, newest first, at most {@code max}. */
    List<Unanswered> since(Instant from, int max);
}
