package dev.livedesk.bot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One of the assistant's evaluation sets under {@code src/test/resources/assistant-eval}. */
record EvaluationSet(String name, List<Phrasing> phrasings) {

    static final String OFF_TOPIC = "off-topic";

    /** A customer's text, its language and the topic that should answer it (or {@link #OFF_TOPIC}). */
    record Phrasing(String lang, String topic, String text) {

        boolean offTopic() {
            return OFF_TOPIC.equals(topic);
        }
    }

    static EvaluationSet load(String name) {
        try (InputStream in = EvaluationSet.class.getResourceAsStream("/assistant-eval/" + name + ".tsv")) {
            List<Phrasing> phrasings = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t", 3))
                    .map(cells -> new Phrasing(cells[0], cells[1], cells[2]))
                    .toList();
            return new EvaluationSet(name, phrasings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
