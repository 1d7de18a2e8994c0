package dev.livedesk.agent;

import dev.livedesk.config.ConfigFiles;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The team's canned responses, read from YAML or JSON ({@code responses: [...]}) named by
 * {@code livedesk.canned-responses}. A file with a malformed entry, or the same shortcut twice in one language, is
 * refused at start-up rather than half used.
 */
public record CannedResponses(List<CannedResponse> responses) {

    private static final Pattern SHORTCUT = Pattern.compile("[a-z0-9_-]{1,32}");

    public CannedResponses {
        responses = responses == null ? List.of() : List.copyOf(responses);
        Set<String> seen = new HashSet<>();
        for (CannedResponse response : responses) {
            if (response.shortcut() == null || !SHORTCUT.matcher(response.shortcut()).matches()
                    || blank(response.title()) || blank(response.text()) || blank(response.lang())) {
                throw new IllegalArgumentException("Every canned response needs a shortcut of 1 to 32 of a-z 0-9 _ -,"
                        + " a title, a text and a lang: " + response);
            }
            if (!seen.add(response.lang() + "/" + response.shortcut())) {
                throw new IllegalArgumentException("Canned response /" + response.shortcut() + " appears twice in "
                        + response.lang());
            }
        }
    }

    public static CannedResponses load(String location) {
        return ConfigFiles.read(location, CannedResponses.class, "the canned responses");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
