package dev.livedesk.stream;

import dev.livedesk.web.Params;

/**
 * Reads where a client wants its stream to resume.
 *
 * <p>The {@code Last-Event-ID} header wins over the {@code lastEventId} query parameter: a browser's EventSource
 * reconnects to the same URL, so the query keeps the first resume point while the header carries the newest.
 */
final class ResumePoint {

    private ResumePoint() {
    }

    /** The id to resume after, or null for "from the start of the retained history". */
    static Long of(String header, String query) {
        if (header != null && !header.isEmpty()) {
            return Params.eventId(header, "Last-Event-ID");
        }
        if (query != null && !query.isEmpty()) {
            return Params.eventId(query, "lastEventId");
        }
        return null;
    }
}
