package dev.livedesk.chat;

import dev.livedesk.error.DeskException;

/** Checks on text and numbers that clients send; every violation is a 400 that names the field. */
final class TextRules {

    private TextRules() {
    }

    /** Required text: not blank, at most {@code max} characters (code points), valid Unicode. */
    static String required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw DeskException.invalid("invalid-" + field, field + " is required");
        }
        return checked(value, field, max);
    }

    /** Optional text: null when absent or blank, else as {@link #required}. */
    static String optional(String value, String field, int max) {
        return value == null || value.isBlank() ? null : checked(value.strip(), field, max);
    }

    /**
     * Rejects text that is too long or holds a lone surrogate: a lone surrogate cannot be encoded as UTF-8, so it
     * would be stored as one thing and delivered as another.
     */
    private static String checked(String value, String field, int max) {
        if (value.codePointCount(0, value.length()) > max) {
            throw DeskException.invalid("invalid-" + field, field + " is longer than " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw DeskException.invalid("invalid-" + field, field + " is not valid Unicode text");
            }
        }
        return value;
    }
}
