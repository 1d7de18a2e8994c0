package dev.livedesk.bot;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The assistant answering from a knowledge base on disk ({@link #FILE}), watched every 200 ms. */
public class FileKnowledgeProfile implements QuarkusTestProfile {

    static final Path FILE = Path.of("target", "knowledge-test", "kb.yaml").toAbsolutePath();

    static String knowledgeBase(String topic, String question, String answer, String keyword) {
        return "entries:\n  - topic: " + topic + "\n    lang: en\n    question: " + question + "\n    answer: " + answer
                + "\n    keywords: [" + keyword + "]\n";
    }

    static final String FIRST = knowledgeBase("hours", "When are you open?", "Every day from 8 to 20.",
            "opening hours");

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, FIRST);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("livedesk.bot.enabled", "true", "livedesk.bot.embeddings", "true", "livedesk.bot.knowledge-base", FILE.toString(),
                "livedesk.bot.watch-interval", "200ms");
    }
}
