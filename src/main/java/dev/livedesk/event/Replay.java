package dev.livedesk.event;

import java.util.List;

/**
 * Events read back for a stream, oldest first.
 *
 * @param events    what is retained in the requested range, at most the requested number, newest kept
 * @param truncated true when some event of the range is missing: evicted, or cut by the limit
 */
public record Replay(List<StoredEvent> events, boolean truncated) {
}
