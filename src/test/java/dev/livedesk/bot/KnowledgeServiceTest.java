package dev.livedesk.bot;

import dev.livedesk.support.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class KnowledgeServiceTest {

    private static final String ONE_ENTRY = """
            entries:
              - topic: hours
                lang: en
                question: When are you open?
                answer: Every day from nine to five.
            """;

    /** The assistant's knowledge from a one-entry file in {@code dir}, ranked by BM25 alone. */
    private static KnowledgeService knowledge(Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("kb.yaml"), ONE_ENTRY);
        return new KnowledgeService(TestConfig.with(Map.of(
                "livedesk.bot.knowledge-base", "file:" + file, "livedesk.bot.embeddings", "false")));
    }

    @Test
    void aReloadClosesTheIndexItReplaces(@TempDir Path dir) throws Exception {
        KnowledgeService knowledge = knowledge(dir);
        try {
            FaqIndex before = knowledge.<FaqIndex>withIndex(index -> index);

            knowledge.reload();

            assertThat(before.tryAcquire()).as("the replaced index is closed").isFalse();
            assertThat(knowledge.<FaqIndex>withIndex(index -> index) == before).isFalse();
        } finally {
            knowledge.stop();
        }
    }

    @Test
    void aSearchInProgressKeepsItsIndexOpenThroughAReload(@TempDir Path dir) throws Exception {
        KnowledgeService knowledge = knowledge(dir);
        try {
            AtomicReference<FaqIndex> searched = new AtomicReference<>();

            Retrieval during = knowledge.withIndex(index -> {
                searched.set(index);
                knowledge.reload();
                return index.search("when are you open");
            });

            assertThat(during.ranked()).extracting(candidate -> candidate.entry().topic()).containsExactly("hours");
            assertThat(searched.get().tryAcquire()).as("closed once the search released it").isFalse();
        } finally {
            knowledge.stop();
        }
    }
}
