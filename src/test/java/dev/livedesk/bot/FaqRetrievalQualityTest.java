package dev.livedesk.bot;

import dev.livedesk.bot.CustomerPhrasings.Phrasing;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retrieval quality of the configured assistant (shipped knowledge base, configured minimum score) on how customers
 * really ask. Prints the hit rate and every miss.
 */
@QuarkusTest
class FaqRetrievalQualityTest {

    private static final double REQUIRED_HIT_RATE = 0.85;

    @Inject
    FaqIndex index;

    @Test
    void answersAtLeast85PercentOfCustomerPhrasingsWithTheRightEntryInTheirLanguage() {
        List<String> misses = new ArrayList<>();
        for (Phrasing phrasing : CustomerPhrasings.ON_TOPIC) {
            Optional<FaqMatch> match = index.best(phrasing.text());
            boolean hit = match.isPresent()
                    && match.get().entry().topic().equals(phrasing.topic())
                    && match.get().entry().lang().equals(FaqIndex.languageOf(phrasing.text()));
            if (!hit) {
                misses.add(phrasing.text() + " -> " + match.map(m -> m.entry().topic() + " " + m.score()).orElse("no answer")
                        + " (wanted " + phrasing.topic() + ")");
            }
        }
        int total = CustomerPhrasings.ON_TOPIC.size();
        double rate = (total - misses.size()) / (double) total;
        System.out.printf("FAQ retrieval: %d of %d customer phrasings hit (%.1f%%)%n", total - misses.size(), total,
                rate * 100);
        misses.forEach(miss -> System.out.println("  miss: " + miss));
        assertThat(total).isGreaterThanOrEqualTo(40);
        assertThat(rate).isGreaterThanOrEqualTo(REQUIRED_HIT_RATE);
    }

    @Test
    void hasNoAnswerForOffTopicQuestions() {
        for (String text : CustomerPhrasings.OFF_TOPIC) {
            assertThat(index.best(text)).as(text).isEmpty();
        }
    }
}
