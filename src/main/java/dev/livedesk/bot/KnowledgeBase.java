package dev.livedesk.bot;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The entries the assistant can answer with, read from YAML or JSON ({@code entries: [...]}) on the classpath
 * ({@code classpath:faq/shop.yaml}) or on disk.
 */
public record KnowledgeBase(List<FaqEntry> entries) {

    private static final String CLASSPATH = "classpath:";

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
        boolean json = location.toLowerCase(Locale.ROOT).endsWith(".json");
        ObjectMapper mapper = (json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory()))
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        try (InputStream in = open(location)) {
            return mapper.readValue(in, KnowledgeBase.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the knowledge base " + location, e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith(CLASSPATH)) {
            String resource = location.substring(CLASSPATH.length());
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("No classpath resource " + resource);
            }
            return in;
        }
        return Files.newInputStream(Path.of(location));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
