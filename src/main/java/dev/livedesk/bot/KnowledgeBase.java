package dev.livedesk.bot;

import dev.livedesk.config.ConfigFiles;

import java.util.List;

/**
 * The entries the assistant can answer with, read from YAML or JSON ({@code entries: [...]}) on the classpath
 * ({@code classpath:faq/shop.yaml}) or on disk.
 */
public record KnowledgeBase(List<FaqEntry> entries) {

    public KnowledgeBase {
        entries = entries == null ? List.of() : List.copyOf(entries);
        for (FaqEntry entry : entries) {
            if (blank(entry.topic()) || blank(entry.lang()) || blank(entry.question()) || blank(entry.answer())) {
                throw new IllegalArgumentException("Every knowledge-base entry needs topic, lang, question and answer: "
                        + entry);
            }
        }
    }

    /** Reads a knowledge base; the format follows the file extension ({@code .json}, else YAML). */
    public static KnowledgeBase load(String location) {
        return ConfigFiles.read(location, KnowledgeBase.class, "the knowledge base");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
