package dev.livedesk.report;

import dev.livedesk.error.DeskException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The days a report covers, in the team's time zone: {@code from} and {@code to} are both included, from the start
 * of {@code from} to the end of {@code to} in {@code zone}.
 */
public record ReportRange(LocalDate from, LocalDate to, ZoneId zone) {

    /** The longest range one report reads: a year, leap day included. */
    public static final int MAX_DAYS = 366;
    /** The range when none is given: the last seven days, today included. */
    static final int DEFAULT_DAYS = 7;

    /**
     * A range from request parameters, each optional: {@code to} defaults to today in the zone, {@code from} to six
     * days before {@code to}, the zone to UTC.
     *
     * @throws DeskException INVALID {@code invalid-range} for a malformed date or zone, a reversed range, or one of
     *                       more than {@link #MAX_DAYS} days
     */
    public static ReportRange parse(String from, String to, String tz, Instant now) {
        ZoneId zone = zone(tz);
        LocalDate last = blank(to) ? LocalDate.ofInstant(now, zone) : date("to", to);
        LocalDate first = blank(from) ? last.minusDays(DEFAULT_DAYS - 1) : date("from", from);
        if (first.isAfter(last)) {
            throw DeskException.invalid("invalid-range", "from must not be after to");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
            throw DeskException.invalid("invalid-range", "A report covers at most " + MAX_DAYS + " days");
        }
        return new ReportRange(first, last, zone);
    }

    /** The first instant of the range. */
    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the range. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    private static ZoneId zone(String tz) {
        if (blank(tz)) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw DeskException.invalid("invalid-range", "tz must be a time zone such as Europe/Berlin or UTC");
        }
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw DeskException.invalid("invalid-range", name + " must be a date such as 2026-11-30");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
