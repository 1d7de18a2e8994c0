package dev.livedesk.bot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints what the retrieval sees for each phrasing of the TUNING set and searches the fusion's vector weight and the
 * vector thresholds there: how {@link Calibration}'s numbers were chosen. Never reads a held-out set. Compiled in the
 * {@code bench} profile ({@code ./mvnw -Pbench test-compile}); run from the IDE, or with
 * {@code java -cp target/test-classes:target/classes:<test class path> dev.livedesk.bot.AssistantTuning}.
 */
final class AssistantTuning {

    private AssistantTuning() {
    }

    public static void main(String[] args) {
        Map<String, TextEmbedder> models = EmbeddingModels.load(true);
        KnowledgeBase knowledgeBase = KnowledgeBase.load("classpath:faq/shop.yaml");
        EvaluationSet tuning = EvaluationSet.load("tuning");
        for (int percent = 50; percent <= 100; percent += 5) {
            double weight = percent / 100.0;
            Calibration calibration = new Calibration(AssistantCalibration.SHIPPED.minScore(), Map.of(
                    "en", new Calibration.Vector(weight, 1, 1, 0), "zh", new Calibration.Vector(weight, 1, 1, 0)));
            FaqIndex index = new FaqIndex(knowledgeBase, models, calibration);
            System.out.printf("weight %.2f:", weight);
            for (String lang : List.of("en", "zh")) {
                List<EvaluationSet.Phrasing> onTopic = tuning.phrasings().stream()
                        .filter(p -> p.lang().equals(lang) && !p.offTopic()).toList();
                long first = onTopic.stream().filter(p -> Rankings.best(index.search(p.text())).orElseThrow().entry().topic()
                        .equals(p.topic())).count();
                System.out.printf(" %s right first %d of %d;", lang, first, onTopic.size());
            }
            System.out.println();
        }
        FaqIndex index = new FaqIndex(knowledgeBase, models, AssistantCalibration.SHIPPED);
        List<double[]> rows = new ArrayList<>();
        List<EvaluationSet.Phrasing> phrasings = tuning.phrasings();
        for (EvaluationSet.Phrasing phrasing : phrasings) {
            Retrieval retrieval = index.search(phrasing.text());
            Candidate best = Rankings.best(retrieval).orElseThrow();
            boolean right = best.entry().topic().equals(phrasing.topic());
            System.out.printf("%s %-10s %-16s sim %.3f bm25 %5.2f r%d %-16s %s%n", phrasing.lang(),
                    phrasing.offTopic() ? "OFF" : right ? "ok" : "WRONG", phrasing.topic(), best.similarity(),
                    best.bm25(), best.bm25Rank(), best.entry().topic(), phrasing.text());
            if (!right && !phrasing.offTopic()) {
                retrieval.ranked().stream().limit(4).forEach(c -> System.out.printf("      %-16s sim %.3f v%d bm25 %5.2f r%d fused %.4f%n",
                        c.entry().topic(), c.similarity(), c.vectorRank(), c.bm25(), c.bm25Rank(), c.fused()));
            }
            rows.add(new double[]{phrasing.lang().equals("en") ? 0 : 1, phrasing.offTopic() ? 2 : right ? 1 : 0,
                    best.similarity(), best.bm25(), best.bm25Rank()});
        }
        for (int lang = 0; lang < 2; lang++) {
            double bestScore = -1;
            String bestSetting = "";
            for (double alone = 0.50; alone <= 0.95; alone += 0.01) {
                for (double with = 0.40; with <= alone; with += 0.01) {
                    for (double support = 0; support <= 12; support += 0.5) {
                        int onTopic = 0;
                        int right = 0;
                        int offTopic = 0;
                        int rejected = 0;
                        for (double[] row : rows) {
                            if (row[0] != lang) {
                                continue;
                            }
                            boolean answers = row[2] >= alone || row[2] >= with && row[3] >= support;
                            if (row[1] == 2) {
                                offTopic++;
                                rejected += answers ? 0 : 1;
                            } else {
                                onTopic++;
                                right += answers && row[1] == 1 ? 1 : 0;
                            }
                        }
                        double score = Math.min((double) right / onTopic, (double) rejected / offTopic)
                                + 0.001 * ((double) right / onTopic + (double) rejected / offTopic);
                        if (score > bestScore + 1e-9) {
                            bestScore = score;
                            bestSetting = String.format("alone %.2f with %.2f support %.1f: on-topic %d/%d, "
                                    + "off-topic rejected %d/%d", alone, with, support, right, onTopic, rejected,
                                    offTopic);
                        }
                    }
                }
            }
            System.out.printf("%s best: %s%n", lang == 0 ? "en" : "zh", bestSetting);
        }
    }
}
