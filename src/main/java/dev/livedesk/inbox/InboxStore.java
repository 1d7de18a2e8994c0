package dev.livedesk.inbox;

import dev.livedesk.event.StoreUnavailableException;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Inboxes and who belongs to them.
 *
 * <p>Guarantees every implementation keeps:
 * <ul>
 *   <li><b>Unique ids and website tokens.</b> {@link #create} refuses, with {@link IllegalArgumentException} and
 *       nothing stored, an inbox whose id or website token another inbox has; {@link #update} refuses a website
 *       token another inbox has.</li>
 *   <li><b>Whole values.</b> An inbox is stored and read as one value: a reader never sees half an update.</li>
 *   <li><b>Members are a set per inbox.</b> {@link #setMembers} replaces the inbox's members at once; an agent's
 *       inboxes are exactly those whose members name it.</li>
 *   <li><b>Failures</b> throw {@link StoreUnavailableException} and store nothing.</li>
 * </ul>
 */
public interface InboxStore {

    /** Stores a new inbox. */
    void create(Inbox inbox);

    /** Replaces the inbox with the same id; empty (and nothing stored) when there is none. */
    Optional<Inbox> update(Inbox inbox);

    Optional<Inbox> inbox(String id);

    Optional<Inbox> byWebsiteToken(String websiteToken);

    /** Every inbox, oldest first (then by id). */
    List<Inbox> inboxes();

    /** Replaces the inbox's members; the inbox must exist ({@link IllegalArgumentException} otherwise). */
    void setMembers(String inboxId, Set<String> agentIds);

    /** The agents of an inbox; empty for an unknown inbox. */
    Set<String> members(String inboxId);

    /** The ids of the inboxes the agent belongs to. */
    Set<String> inboxesOf(String agentId);
}
