package dev.livedesk.bot;

import dev.livedesk.bot.EvaluationSet.Phrasing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assistant's retrieval on the evaluation sets, with the shipped models and calibration: for BM25 alone, vectors
 * alone and the hybrid, the share of on-topic phrasings answered with the right topic in their language (per
 * language) and the share of off-topic ones left unanswered. Prints every figure and every error.
 *
 * <p>The target is 95 % on-topic in each language and 90 % off-topic rejection on a held-out set (written before
 * tuning, never used for it); docs/assistant.md has the current figures and why the shipped models fall short of it.
 * This test holds what was reached on every held-out set, so that a change that makes the assistant worse fails
 * here; raise the floors with the figures.
 */
class AssistantEvaluationTest {

    /**
     * What each held-out set measured with the shipped models, calibration and knowledge base, less one phrasing for
     * floating-point differences between CPUs (on-topic per language, then off-topic rejection): held so that a
     * change for the worse fails. The bar is 0.95 in each language and 0.90 off-topic.
     */
    private static final Map<String, Floor> FLOORS = Map.of(
            "heldout", new Floor(Map.of("en", 0.94, "zh", 0.94), 0.77),
            "heldout-2", new Floor(Map.of("en", 0.91, "zh", 0.91), 0.88),
            "heldout-3", new Floor(Map.of("en", 0.94, "zh", 0.88), 0.95),
            "heldout-4", new Floor(Map.of("en", 0.83, "zh", 0.83), 0.91),
            "heldout-5", new Floor(Map.of("en", 0.85, "zh", 0.81), 0.91));

    /** The least a held-out set may score: on-topic per language, and off-topic rejection. */
    private record Floor(Map<String, Double> onTopic, double offTopicRejected) {
    }

    private static FaqIndex index;

    /** How each method answers, from one retrieval. */
    private static final Map<String, BiFunction<Phrasing, Retrieval, Optional<FaqEntry>>> METHODS = methods();

    @BeforeAll
    static void buildIndex() {
        index = new FaqIndex(KnowledgeBase.load("classpath:faq/shop.yaml"), EmbeddingModels.load(true),
                AssistantCalibration.SHIPPED);
    }

    private static Map<String, BiFunction<Phrasing, Retrieval, Optional<FaqEntry>>> methods() {
        Map<String, BiFunction<Phrasing, Retrieval, Optional<FaqEntry>>> methods = new LinkedHashMap<>();
        methods.put("BM25 alone", (phrasing, retrieval) -> Rankings.bm25Answer(retrieval, AssistantCalibration.SHIPPED.minScore()));
        methods.put("vectors alone", (phrasing, retrieval) -> Rankings.vectorAnswer(retrieval, 
                AssistantCalibration.SHIPPED.byLanguage().get(phrasing.lang()).alone()));
        methods.put("hybrid", (phrasing, retrieval) -> retrieval.answer());
        return methods;
    }

    /** On-topic hit rate per language and off-topic rejection of one method on one set. */
    record Score(Map<String, Double> onTopic, double offTopicRejected) {
    }

    private static Score evaluate(EvaluationSet set, String method) {
        Map<String, int[]> onTopic = new LinkedHashMap<>();
        int offTopic = 0;
        int rejected = 0;
        for (Phrasing phrasing : set.phrasings()) {
            Optional<FaqEntry> answer = METHODS.get(method).apply(phrasing, index.search(phrasing.text()));
            if (phrasing.offTopic()) {
                offTopic++;
                rejected += answer.isEmpty() ? 1 : 0;
                answer.ifPresent(entry -> System.out.printf("  %s, %s: answered off-topic \"%s\" with %s%n", set.name(),
                        method, phrasing.text(), entry.topic()));
            } else {
                int[] counts = onTopic.computeIfAbsent(phrasing.lang(), lang -> new int[2]);
                counts[1]++;
                boolean right = answer.filter(entry -> entry.topic().equals(phrasing.topic())
                        && entry.lang().equals(phrasing.lang())).isPresent();
                counts[0] += right ? 1 : 0;
                if (!right) {
                    System.out.printf("  %s, %s: \"%s\" (%s) got %s%n", set.name(), method, phrasing.text(),
                            phrasing.topic(), answer.map(FaqEntry::topic).orElse("no answer"));
                }
            }
        }
        Map<String, Double> rates = new LinkedHashMap<>();
        onTopic.forEach((lang, counts) -> rates.put(lang, (double) counts[0] / counts[1]));
        Score score = new Score(rates, (double) rejected / offTopic);
        System.out.printf("%-8s %-14s on-topic en %5.1f %%, zh %5.1f %%; off-topic rejected %5.1f %% (%d phrasings)%n",
                set.name(), method, 100 * rates.get("en"), 100 * rates.get("zh"), 100 * score.offTopicRejected(),
                set.phrasings().size());
        return score;
    }

    @Test
    void theSetsCoverEveryTopicInBothLanguagesWithThirtyOffTopicQuestions() {
        List<EvaluationSet> sets = List.of(EvaluationSet.load("tuning"), EvaluationSet.load("heldout"));
        long phrasings = sets.stream().mapToLong(set -> set.phrasings().size()).sum();
        long offTopic = sets.stream().flatMap(set -> set.phrasings().stream()).filter(Phrasing::offTopic).count();
        assertThat(phrasings).isGreaterThanOrEqualTo(150);
        assertThat(offTopic).isGreaterThanOrEqualTo(30);
        for (EvaluationSet set : sets) {
            for (FaqEntry entry : KnowledgeBase.load("classpath:faq/shop.yaml").entries()) {
                assertThat(set.phrasings()).as("%s covers %s in %s", set.name(), entry.topic(), entry.lang())
                        .anyMatch(p -> p.topic().equals(entry.topic()) && p.lang().equals(entry.lang()));
            }
        }
    }

    @Test
    void theHybridHoldsItsLevelOnTheHeldOutSetAndEveryFigureIsPrinted() {
        Map<String, Score> hybrid = new LinkedHashMap<>();
        for (String name : List.of("tuning", "heldout", "heldout-2", "heldout-3", "heldout-4", "heldout-5")) {
            EvaluationSet set = EvaluationSet.load(name);
            for (String method : METHODS.keySet()) {
                Score score = evaluate(set, method);
                if (method.equals("hybrid")) {
                    hybrid.put(name, score);
                }
            }
        }
        FLOORS.forEach((heldOut, floor) -> {
            assertThat(hybrid.get(heldOut).onTopic()).allSatisfy((lang, rate) -> assertThat(rate)
                    .as("%s, on-topic, %s", heldOut, lang).isGreaterThanOrEqualTo(floor.onTopic().get(lang)));
            assertThat(hybrid.get(heldOut).offTopicRejected()).as("%s, off-topic rejection", heldOut)
                    .isGreaterThanOrEqualTo(floor.offTopicRejected());
        });
    }
}
