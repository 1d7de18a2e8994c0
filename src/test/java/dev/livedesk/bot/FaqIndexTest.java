package dev.livedesk.bot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaqIndexTest {

    /** BM25 alone, answering whatever scores at all: what these tests of the index's mechanics need. */
    private static final FaqIndex ANY_SCORE = bm25Only(KnowledgeBase.load("classpath:faq/shop.yaml"), 0f);

    static FaqIndex bm25Only(KnowledgeBase knowledgeBase, float minScore) {
        return new FaqIndex(knowledgeBase, Map.of(), new Calibration(minScore, Map.of()));
    }

    @Test
    void shippedKnowledgeBaseCoversBothLanguagesWithAtLeastThirtyEntries() {
        KnowledgeBase shipped = KnowledgeBase.load("classpath:faq/shop.yaml");
        assertThat(shipped.entries()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(shipped.entries()).extracting(FaqEntry::lang).contains("en", "zh");
    }

    @Test
    void answersChineseInChinese() {
        assertThat(ANY_SCORE.search("退款要多久").answer().orElseThrow().lang()).isEqualTo("zh");
    }

    @Test
    void answersEnglishInEnglish() {
        assertThat(ANY_SCORE.search("how long does a refund take").answer().orElseThrow().lang()).isEqualTo("en");
    }

    @Test
    void detectsChineseByHanCharacters() {
        assertThat(FaqIndex.languageOf("订单 order 123")).isEqualTo("zh");
        assertThat(FaqIndex.languageOf("order 123")).isEqualTo("en");
    }

    @ParameterizedTest
    @ValueSource(strings = {"refund AND (", "*:*", "title:\"refund", "\\", "~!@#$%^&*()", "refund^100", "    "})
    void treatsCustomerTextAsWordsNotQuerySyntax(String text) {
        String words = text.replaceAll("[^\\p{L}\\p{N}]+", " ");

        assertThat(ANY_SCORE.search(text).ranked()).extracting(Candidate::entry)
                .containsExactlyElementsOf(ANY_SCORE.search(words).ranked().stream().map(Candidate::entry).toList());
    }

    @Test
    void answersALongMessageWithinLuceneLimits() {
        String text = "refund please ".repeat(100) + "退款".repeat(1000) + String.join(" ", java.util.Collections.nCopies(
                800, "word")) + java.util.stream.IntStream.range(0, 2000).mapToObj(i -> "w" + i)
                .reduce("", (a, b) -> a + " " + b);
        assertThat(ANY_SCORE.search(text).answer()).isPresent();
    }

    @Test
    void missesTextWithNoTermInCommon() {
        assertThat(ANY_SCORE.search("hello there").answer()).isEmpty();
        assertThat(ANY_SCORE.search("?!").answer()).isEmpty();
    }

    @Test
    void lexicalSearchRanksByBm25AloneWithoutEmbeddingTheText() {
        AtomicInteger embedded = new AtomicInteger();
        TextEmbedder counting = new TextEmbedder() {
            @Override
            public String name() {
                return "counting";
            }

            @Override
            public float[] embed(String text) {
                embedded.incrementAndGet();
                return new float[]{1, 0, 0, 0};
            }
        };
        FaqIndex index = new FaqIndex(KnowledgeBase.load("classpath:faq/shop.yaml"), Map.of("en", counting),
                new Calibration(0f, Map.of("en", new Calibration.Vector(0.9, 1.5, 1.5, 1000f))));
        int built = embedded.get();

        Retrieval lexical = index.lexicalSearch("how long does a refund take");

        assertThat(embedded.get()).isEqualTo(built);
        assertThat(lexical.ranked()).isNotEmpty().allMatch(candidate -> Double.isNaN(candidate.similarity()));
        assertThat(lexical.answer()).isPresent().isEqualTo(Rankings.bm25Answer(lexical, 0f));
        assertThat(index.search("how long does a refund take").answer()).isEmpty();
        assertThat(embedded.get()).isEqualTo(built + 1);
    }

    @Test
    void missesBelowTheMinimumScore() {
        FaqIndex strict = bm25Only(KnowledgeBase.load("classpath:faq/shop.yaml"), 1000f);
        assertThat(strict.search("how do I return an item").answer()).isEmpty();
    }

    @Test
    void loadsAJsonKnowledgeBaseFromDisk(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("kb.json");
        Files.writeString(file, "{\"entries\":[{\"topic\":\"hours\",\"lang\":\"en\",\"question\":\"When are you open?\","
                + "\"answer\":\"Every day from 8 to 20.\",\"keywords\":[\"opening hours\"]}]}");
        FaqIndex index = bm25Only(KnowledgeBase.load(file.toString()), 0f);
        assertThat(index.search("what are your opening hours").answer().orElseThrow().topic()).isEqualTo("hours");
    }

    @Test
    void rejectsAnEntryWithoutAnswer(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("kb.yaml");
        Files.writeString(file, "entries:\n  - topic: hours\n    lang: en\n    question: When are you open?\n");
        assertThatThrownBy(() -> KnowledgeBase.load(file.toString())).rootCause().hasMessageContaining("answer");
    }
}
