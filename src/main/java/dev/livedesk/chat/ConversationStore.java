package dev.livedesk.chat;

import dev.livedesk.event.EventDraft;
import dev.livedesk.event.StoreUnavailableException;
import dev.livedesk.event.StoredEvent;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Conversations and their messages, written together with the events that announce them.
 *
 * <p>Guarantees every implementation keeps:
 * <ul>
 *   <li><b>Atomic with its events.</b> Every write stores its state change and its events in one step, in the
 *       {@link dev.livedesk.event.EventLog}'s total order: a reader sees both or neither, and the events' ids rise
 *       in the order the writes happened.</li>
 *   <li><b>Serialized per conversation.</b> {@link #change} decides on the conversation as stored, with no other
 *       write to the same conversation in between (a lock, or a row lock inside a transaction), on every process
 *       sharing the store. Two agents claiming at once therefore cannot both win.</li>
 *   <li><b>Events carry the inbox.</b> Every event a write stores for a conversation carries that conversation's
 *       inbox id ({@link dev.livedesk.event.StoredEvent#inboxId}), whatever the draft said: it decides which agents'
 *       streams show it.</li>
 *   <li><b>Idempotent messages.</b> A message whose non-null {@code clientMessageId} the conversation has already
 *       seen stores nothing, emits nothing and returns the original, also when two processes race.</li>
 *   <li><b>Nothing half-written.</b> A write naming an unknown conversation throws
 *       {@link UnknownConversationException} and stores nothing; a failure of the storage throws {@link StoreUnavailableException} and stores nothing.
 *       A decision that throws stores nothing and its exception reaches the caller.</li>
 *   <li><b>Read back as written.</b> Every field reads back equal to what was stored, any Unicode text included
 *       (NUL too), with times kept to the microsecond: callers take times from the application's {@code Clock},
 *       which ticks in microseconds.</li>
 * </ul>
 */
public interface ConversationStore {

    /**
     * A conversation with what an agent's list shows about its messages.
     *
     * @param position where the conversation stands in creation order: fixed for its life, rising with each new
     *                 conversation, so a page can start after it
     */
    record Summarized(Conversation conversation, Summary summary, long position) {
    }

    /**
     * A conversation a search found.
     *
     * @param matchedText the newest message or note text that matched, or null when the match was in the
     *                    customer's name, email or labels
     */
    record Found(Conversation conversation, String matchedText) {
    }

    /**
     * Stores a new conversation together with its events (one per audience).
     *
     * @throws IllegalStateException when a conversation with that id exists (nothing is stored)
     */
    List<StoredEvent> createConversation(Conversation conversation, List<EventDraft> created);

    Optional<Conversation> conversation(String id);

    /**
     * Appends a message and its event, unless the conversation already has a message with the same non-null
     * clientMessageId: then nothing is written and the original is returned. The message claims its attachments
     * in the same step: each must belong to this conversation and be claimed by no other message.
     *
     * @throws dev.livedesk.error.DeskException INVALID {@code invalid-attachments} when an attachment is unknown, of
     *                                          another conversation or used already (nothing is stored)
     */
    MessageAppend appendMessage(Message message, EventDraft event);

    /** Appends a private note and its event. */
    NoteEntry appendNote(Note note, EventDraft event);

    /**
     * Applies a decision to one conversation atomically. {@code decide} sees the conversation as stored and returns
     * what to store, or empty to leave everything as it is; it runs under the store's lock (or inside its
     * transaction), so it must be quick and free of side effects.
     *
     * @return the conversation before and after, and the events stored, in order (none when the decision stored
     *         nothing; a change may also update only the conversation)
     * @throws UnknownConversationException when there is no such conversation
     */
    Changed change(String conversationId, Function<Conversation, Optional<Change>> decide);

    /** Every conversation, oldest first, optionally only those in one status or with one assignee. */
    List<Conversation> conversations(ConversationStatus status, String assigneeId);

    /**
     * The ids of the queued conversations in {@link QueueOrder}. Ids only: the desk status and routing read the queue
     * at every move, and a busy desk's queue holds thousands of conversations.
     */
    List<String> queue();

    /** A queued conversation and the inbox it came through. */
    record Queued(String id, String inboxId) {
    }

    /** The queued conversations with their inboxes, in {@link QueueOrder}: what routing reads once per pass. */
    List<Queued> queuedWithInboxes();

    /** How many ASSIGNED conversations each agent holds; an agent with none is absent. */
    Map<String, Integer> assignedCounts();

    /**
     * One page of an agent's view: the conversations the filter matches, each with its {@link Summary}, in creation
     * order as the page asks, after the conversation at {@code page.after()} (exclusive), at most
     * {@code page.limit()}. Positions never change, so paging is stable while conversations arrive: a new one comes
     * after every existing one.
     */
    List<Summarized> list(ConversationFilter filter, PageRequest page);

    /**
     * The counts of an agent's view tabs ({@link ViewCounts}), from one consistent read, over the conversations of
     * the given inboxes (null: of every inbox).
     */
    ViewCounts counts(String agentId, Set<String> inboxIds);

    /**
     * Conversations whose message texts, private notes, customer name, customer email or labels match every term
     * (see {@link SearchTerms}), of the given inboxes (null: of every inbox), newest first, at most {@code limit}.
     */
    List<Found> search(List<String> terms, Set<String> inboxIds, int limit);

    /** The customer's conversations, newest first: those of the same customer id, or of the same email if given. */
    List<Conversation> ofCustomer(String customerId, String email);

    /**
     * A page of a conversation's messages whose events come after {@code afterEventId}, oldest first. Messages
     * stay readable even where the event log has evicted their events: PostgreSQL keeps every message, the memory
     * store a conversation's newest {@code livedesk.history.max-messages-per-conversation}.
     */
    List<MessageEntry> messages(String conversationId, long afterEventId, int limit);

    /** A page of a conversation's notes whose events come after {@code afterEventId}, oldest first. */
    List<NoteEntry> notes(String conversationId, long afterEventId, int limit);

    /** The id of the conversation's newest event, or 0 if it has none (or is unknown). */
    long lastEventId(String conversationId);
}
