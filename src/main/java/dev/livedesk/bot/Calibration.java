package dev.livedesk.bot;

import java.util.Map;

/**
 * When the best candidate answers a customer's text: the thresholds tuned on the tuning set
 * ({@code src/test/resources/assistant-eval/tuning.tsv}) and checked on the held-out set, per language because each
 * language has its own embedding model and the models' similarities are not on one scale.
 *
 * <p>With a model for the language, the best fused candidate answers when its similarity is high on its own, or
 * somewhat high and BM25 agrees (it scores the candidate well). Without one (embeddings off, or a native image
 * where ONNX Runtime cannot run) BM25's best answers from {@code minScore} on, as before vectors existed.
 *
 * @param minScore   the BM25 score that answers on its own, without vectors
 * @param byLanguage the vector thresholds of each language that has an embedding model
 */
public record Calibration(float minScore, Map<String, Vector> byLanguage) {

    /**
     * @param weight      the vector side's weight in the fusion ({@link FaqIndex}), BM25's being 1 − weight
     * @param alone       the similarity that answers on its own
     * @param withBm25    the similarity that answers when BM25 agrees
     * @param bm25Support the BM25 score that counts as agreeing
     */
    public record Vector(double weight, double alone, double withBm25, float bm25Support) {
    }

    public Calibration {
        byLanguage = Map.copyOf(byLanguage);
    }

    /** The same calibration with another BM25-alone threshold ({@code livedesk.bot.min-score}). */
    public Calibration withMinScore(float score) {
        return new Calibration(score, byLanguage);
    }

    /** How much similarity counts against BM25 when ranking text in {@code lang}; 0 (BM25 alone) without a model. */
    public double vectorWeight(String lang) {
        Vector vector = byLanguage.get(lang);
        return vector == null ? 0 : vector.weight();
    }

    /** Whether {@code best}, the top fused candidate for text in {@code lang}, answers it. */
    public boolean answers(String lang, Candidate best, boolean vectors) {
        Vector vector = byLanguage.get(lang);
        if (!vectors || vector == null || Double.isNaN(best.similarity())) {
            return best.bm25Rank() == 1 && best.bm25() >= minScore;
        }
        return best.similarity() >= vector.alone()
                || best.similarity() >= vector.withBm25() && best.bm25() >= vector.bm25Support();
    }
}
