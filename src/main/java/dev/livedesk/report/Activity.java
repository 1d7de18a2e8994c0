package dev.livedesk.report;

/**
 * What happened in one quarter of an hour: conversations created and messages sent. Stores count by quarter hour
 * because every time zone in use today is a whole number of quarter hours from UTC, so the report can add quarters
 * up into the hours of any zone without the database having to know the zone.
 *
 * @param start the quarter hour's first instant, in seconds since the epoch (a multiple of 900)
 */
public record Activity(long start, int conversations, int messages) {

    public static final long QUARTER_SECONDS = 900;
}
