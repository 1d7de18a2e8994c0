package dev.livedesk.bot;

import dev.livedesk.bot.EvaluationSet.Phrasing;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How well {@link SmallTalk} recognises small talk: the set its rules were shaped with ({@code small-talk-tuning.tsv})
 * and one they were not ({@code small-talk-heldout.tsv}, which holds the bar), and
 * that no question of the assistant's evaluation sets is taken for small talk (which would keep it from an answer).
 * Prints every figure; docs/assistant.md has the current ones.
 */
class SmallTalkEvaluationTest {

    /** The held-out recognition the rules must keep, per language: the figures measured, rounded down. */
    private static final Map<String, Double> FLOOR = Map.of("en", 0.90, "zh", 0.95);

    @Test
    void heldOutSmallTalkIsRecognisedAtLeastAtTheFloorAndAsTheRightKind() {
        recognised("small-talk-tuning");
        recognised("small-talk-heldout").forEach((lang, rate) -> assertThat(rate)
                .as("held-out small talk recognised in %s", lang).isGreaterThanOrEqualTo(FLOOR.get(lang)));
    }

    /** The share of a set's phrasings recognised as the right kind, per language; prints what it missed. */
    private static Map<String, Double> recognised(String set) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Phrasing phrasing : EvaluationSet.load(set).phrasings()) {
            int[] count = counts.computeIfAbsent(phrasing.lang(), lang -> new int[2]);
            count[1]++;
            boolean right = SmallTalk.classify(phrasing.text()).map(Enum::name).filter(phrasing.topic()::equals)
                    .isPresent();
            count[0] += right ? 1 : 0;
            if (!right) {
                System.out.printf("  %s: \"%s\" (%s) got %s%n", set, phrasing.text(),
                        phrasing.topic(), SmallTalk.classify(phrasing.text()).map(Enum::name).orElse("a question"));
            }
        }
        Map<String, Double> rates = new LinkedHashMap<>();
        counts.forEach((lang, count) -> {
            rates.put(lang, (double) count[0] / count[1]);
            System.out.printf("%s, %s: %d of %d recognised (%.1f %%)%n", set, lang, count[0], count[1],
                    100.0 * count[0] / count[1]);
        });
        return rates;
    }

    @Test
    void noQuestionOfTheEvaluationSetsIsTakenForSmallTalk() {
        List<String> taken = List.of("tuning", "heldout", "heldout-2", "heldout-3", "heldout-4", "heldout-5").stream()
                .flatMap(name -> EvaluationSet.load(name).phrasings().stream())
                .filter(phrasing -> !phrasing.offTopic())
                .filter(phrasing -> SmallTalk.classify(phrasing.text()).isPresent())
                .map(Phrasing::text).toList();
        assertThat(taken).isEmpty();
    }
}
