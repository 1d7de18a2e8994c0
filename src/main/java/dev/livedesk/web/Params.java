package dev.livedesk.web;

import dev.livedesk.error.DeskException;

/** Strict parsing of the numbers clients send in headers and query parameters; a bad value is a 400. */
public final class Params {

    /** Event ids are positive longs: at most 19 decimal digits. */
    private static final int MAX_ID_DIGITS = 19;

    private Params() {
    }

    /** A decimal event id: digits only, at most 19 of them, no sign. */
    public static long eventId(String value, String field) {
        if (value.length() > MAX_ID_DIGITS || !digits(value)) {
            throw DeskException.invalid("invalid-" + field, field + " must be a decimal event id");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw DeskException.invalid("invalid-" + field, field + " is out of range");
        }
    }

    /** A count from 1 to {@code max}. */
    public static int count(String value, String field, int max) {
        if (value.length() > 9 || !digits(value) || Integer.parseInt(value) < 1 || Integer.parseInt(value) > max) {
            throw DeskException.invalid("invalid-" + field, field + " must be a number from 1 to " + max);
        }
        return Integer.parseInt(value);
    }

    private static boolean digits(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
