package dev.livedesk.chat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How conversations are searched, the same in every store: text is cut into terms, and a query matches a text when
 * each of its terms begins one of the text's terms.
 *
 * <p>Letters and digits of alphabetic scripts form words (lower-cased). Chinese, Japanese and Korean characters are
 * not separated by spaces, so each such character is a term and so is each pair of neighbours; a query's run of two
 * or more of them asks for its pairs, which finds the words it contains without a dictionary.
 */
public final class SearchTerms {

    /** A query longer than this many terms is cut: the rest adds little and costs the database. */
    public static final int MAX_QUERY_TERMS = 16;
    private static final int SNIPPET_BEFORE = 30;
    private static final int SNIPPET_CHARS = 120;

    private SearchTerms() {
    }

    /** The text a conversation itself is found by: the customer's name and email, and the labels. */
    public static String profileText(Conversation conversation) {
        return String.join(" ", Objects.toString(conversation.customerName(), ""),
                Objects.toString(conversation.profile().email(), ""), String.join(" ", conversation.labels()));
    }

    /** The terms a stored text is found by. */
    public static Set<String> of(String text) {
        Set<String> terms = new LinkedHashSet<>();
        cut(text, true, terms);
        return terms;
    }

    /** The terms a query asks for, at most {@value #MAX_QUERY_TERMS}; empty when it has none. */
    public static List<String> query(String query) {
        Set<String> terms = new LinkedHashSet<>();
        cut(query, false, terms);
        return new ArrayList<>(terms).subList(0, Math.min(terms.size(), MAX_QUERY_TERMS));
    }

    /** Whether a text with the given terms matches every query term (as a prefix of one of them). */
    public static boolean matches(Set<String> textTerms, List<String> queryTerms) {
        for (String wanted : queryTerms) {
            if (textTerms.stream().noneMatch(term -> term.startsWith(wanted))) {
                return false;
            }
        }
        return !queryTerms.isEmpty();
    }

    /** A piece of the text around the first place a query term appears, at most about 120 characters. */
    public static String snippet(String text, List<String> queryTerms) {
        String lower = text.toLowerCase(Locale.ROOT);
        int at = -1;
        for (String term : queryTerms) {
            int found = lower.indexOf(term);
            if (found >= 0 && (at < 0 || found < at)) {
                at = found;
            }
        }
        int start = Math.max(0, at - SNIPPET_BEFORE);
        if (start > 0 && Character.isLowSurrogate(text.charAt(start))) {
            start--;
        }
        int end = Math.min(text.length(), start + SNIPPET_CHARS);
        if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
            end++;
        }
        return (start > 0 ? "…" : "") + text.substring(start, end) + (end < text.length() ? "…" : "");
    }

    private static void cut(String text, boolean stored, Set<String> terms) {
        StringBuilder word = new StringBuilder();
        List<String> ideographs = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (isIdeographic(c)) {
                flushWord(word, terms);
                ideographs.add(new String(Character.toChars(c)));
            } else if (Character.isLetterOrDigit(c)) {
                flushIdeographs(ideographs, stored, terms);
                word.appendCodePoint(Character.toLowerCase(c));
            } else {
                flushWord(word, terms);
                flushIdeographs(ideographs, stored, terms);
            }
        }
        flushWord(word, terms);
        flushIdeographs(ideographs, stored, terms);
    }

    private static void flushWord(StringBuilder word, Set<String> terms) {
        if (!word.isEmpty()) {
            terms.add(word.toString());
            word.setLength(0);
        }
    }

    private static void flushIdeographs(List<String> run, boolean stored, Set<String> terms) {
        if (stored || run.size() == 1) {
            terms.addAll(run);
        }
        for (int j = 0; j + 1 < run.size(); j++) {
            terms.add(run.get(j) + run.get(j + 1));
        }
        run.clear();
    }

    private static boolean isIdeographic(int c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }
}
