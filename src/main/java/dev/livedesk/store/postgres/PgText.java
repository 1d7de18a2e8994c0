package dev.livedesk.store.postgres;

/**
 * Free text as PostgreSQL can hold it. A {@code text} value cannot contain NUL, which a customer may send and the
 * API promises to deliver unchanged, so such columns are stored escaped: a backslash as two, NUL as backslash-zero.
 * Everything else, searchable words included, is stored as it is.
 */
final class PgText {

    private PgText() {
    }

    static String encode(String text) {
        if (text == null || (text.indexOf('\\') < 0 && text.indexOf('\0') < 0)) {
            return text;
        }
        StringBuilder encoded = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                encoded.append("\\\\");
            } else if (c == '\0') {
                encoded.append("\\0");
            } else {
                encoded.append(c);
            }
        }
        return encoded.toString();
    }

    static String decode(String stored) {
        if (stored == null || stored.indexOf('\\') < 0) {
            return stored;
        }
        StringBuilder decoded = new StringBuilder(stored.length());
        for (int i = 0; i < stored.length(); i++) {
            char c = stored.charAt(i);
            if (c == '\\' && i + 1 < stored.length()) {
                i++;
                decoded.append(stored.charAt(i) == '0' ? '\0' : stored.charAt(i));
            } else {
                decoded.append(c);
            }
        }
        return decoded.toString();
    }
}
