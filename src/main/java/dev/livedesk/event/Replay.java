package dev.livedesk.event;

import java.util.List;

/**
 * Events read back for a stream, oldest first.
 *
 * @param events    what is retained in the requested range, at most the requested number, newest kept
 * @param truncated true when some event of the range is missing: evicted, cut by the limit, or asked for after an id
 *                  this log never had
 * @param unknownId true when the id asked to resume after is not one of this log's (e.g. from before a restart of
 *                  the in-memory store): the client's state is from another history altogether
 */
public record Replay(List<StoredEvent> events, boolean truncated, boolean unknownId) {

    public Replay(List<StoredEvent> events, boolean truncated) {
        this(events, truncated, false);
    }
}
