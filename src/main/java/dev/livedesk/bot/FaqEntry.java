package dev.livedesk.bot;

import java.util.List;

/**
 * One knowledge-base entry: the question it answers and the answer, in one language ({@code en}, {@code zh}, ...).
 * Entries that answer the same question in different languages share a topic.
 */
public record FaqEntry(String topic, String lang, String question, String answer, List<String> keywords) {

    public FaqEntry {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }
}
