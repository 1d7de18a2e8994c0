package dev.livedesk.report;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV as RFC 4180 writes it, made safe to open in a spreadsheet. Three rules do not earn a library: a cell with a
 * comma, quote or line break is quoted, quotes doubled, lines end in CRLF. Customers write some of these cells (their
 * name), so a cell a spreadsheet would run as a formula (starting with {@code =}, {@code +}, {@code -}, {@code @},
 * tab or carriage return: OWASP's CSV injection list) gets a leading apostrophe.
 */
public final class Csv {

    private Csv() {
    }

    /** One record: its cells (null for empty) joined, with the line end. */
    public static String line(List<String> cells) {
        return cells.stream().map(Csv::cell).collect(Collectors.joining(",", "", "\r\n"));
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = safe.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
