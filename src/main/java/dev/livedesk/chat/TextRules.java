package dev.livedesk.chat;

import dev.livedesk.error.DeskException;

import java.util.regex.Pattern;

/** Checks on text and numbers that clients send; every violation is a 400 that names the field. */
public final class TextRules {

    private static final int MAX_EMAIL_CHARS = 254;
    private static final int MAX_LOCALE_CHARS = 35;
    private static final int MAX_PAGE_CHARS = 2000;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");

    private TextRules() {
    }

    /** Required text: not blank, at most {@code max} characters (code points), valid Unicode. */
    public static String required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw DeskException.invalid("invalid-" + field, field + " is required");
        }
        return checked(value, field, max);
    }

    /** Optional text: null when absent or blank, else as {@link #required}. */
    public static String optional(String value, String field, int max) {
        return value == null || value.isBlank() ? null : checked(value.strip(), field, max);
    }

    /** An optional email: at most 254 characters, one {@code @} with something on each side, no spaces. */
    public static String email(String value) {
        String email = optional(value, "email", MAX_EMAIL_CHARS);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw DeskException.invalid("invalid-email", "email is not an email address");
        }
        return email;
    }

    /** An optional locale tag such as {@code en} or {@code zh-CN}. */
    public static String locale(String value) {
        String locale = optional(value, "locale", MAX_LOCALE_CHARS);
        if (locale != null && !LOCALE.matcher(locale).matches()) {
            throw DeskException.invalid("invalid-locale", "locale must be a language tag such as en or zh-CN");
        }
        return locale;
    }

    /** An optional page address: an http or https URL of at most 2000 characters. */
    public static String page(String value) {
        String page = optional(value, "page", MAX_PAGE_CHARS);
        if (page != null && !page.regionMatches(true, 0, "http://", 0, 7)
                && !page.regionMatches(true, 0, "https://", 0, 8)) {
            throw DeskException.invalid("invalid-page", "page must be an http or https address");
        }
        return page;
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
