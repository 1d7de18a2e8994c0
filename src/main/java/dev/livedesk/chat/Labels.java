package dev.livedesk.chat;

import dev.livedesk.error.DeskException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** The rules for labels: 1 to 32 letters, digits, {@code -} and {@code _}; at most {@value #MAX} per conversation. */
public final class Labels {

    public static final int MAX = 10;
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private Labels() {
    }

    /**
     * The labels as a conversation keeps them: checked, repeats dropped (first one kept), in the order given.
     *
     * @throws DeskException INVALID for a malformed label or too many
     */
    public static List<String> checked(List<String> labels) {
        if (labels == null) {
            throw DeskException.invalid("invalid-labels", "labels must be a list of strings");
        }
        LinkedHashSet<String> kept = new LinkedHashSet<>();
        for (String label : labels) {
            if (label == null || !LABEL.matcher(label).matches()) {
                throw DeskException.invalid("invalid-labels",
                        "Each label is 1 to 32 letters, digits, - and _");
            }
            kept.add(label);
        }
        if (kept.size() > MAX) {
            throw DeskException.invalid("invalid-labels", "A conversation has at most " + MAX + " labels");
        }
        return new ArrayList<>(kept);
    }

    /** A label filter from a query parameter: the same rules, one label. */
    public static String filter(String label) {
        return checked(List.of(label)).get(0);
    }
}
