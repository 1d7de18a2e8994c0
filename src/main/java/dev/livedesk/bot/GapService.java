package dev.livedesk.bot;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.lucene.util.VectorUtil;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The questions the assistant could not answer, grouped so that a team sees what to add to the knowledge base:
 * "do you sell bikes" and "Do you sell bicycles?" are one gap asked twice.
 *
 * <p>Questions are first grouped by their normalized text (case, width, punctuation and spacing ignored), then
 * groups whose texts mean the same are merged: cosine similarity of their embeddings (the language's model) at
 * least {@link #SAME_MEANING} for English or {@link #SAME_MEANING_ZH} for Chinese, whose model scores everything
 * higher. Without a model only equal texts group. The newest {@value #MAX_QUESTIONS} questions of the period are
 * read and at most {@value #MAX_EMBEDDED} distinct texts embedded, which bounds the work of one request.
 */
@ApplicationScoped
public class GapService {

    static final int MAX_QUESTIONS = 2_000;
    /**
     * The most distinct texts embedded for one request (newest first): an embedding costs a few milliseconds, so this
     * bounds a request to about a second; older texts beyond it group by equal text only.
     */
    static final int MAX_EMBEDDED = 200;
    static final int MAX_GAPS = 50;
    static final double SAME_MEANING = 0.84;
    static final double SAME_MEANING_ZH = 0.90;

    /**
     * One gap: a question asked {@code count} times in the period, {@code handedOff} of them ending in a person.
     *
     * @param example  the text asked most often in the group, the newest on a tie
     * @param examples up to three different texts of the group
     */
    public record Gap(String lang, String example, int count, int handedOff, Instant lastAsked, List<String> examples) {
    }

    /** The answer of {@code GET /api/assistant/gaps}. */
    public record Gaps(int days, int questions, List<Gap> gaps) {
    }

    private final UnansweredStore unanswered;
    private final KnowledgeService knowledge;

    public GapService(UnansweredStore unanswered, KnowledgeService knowledge) {
        this.unanswered = unanswered;
        this.knowledge = knowledge;
    }

    public Gaps gaps(int days, Instant now) {
        List<UnansweredStore.Unanswered> questions = unanswered.since(now.minus(Duration.ofDays(days)), MAX_QUESTIONS);
        Map<String, Group> byText = new LinkedHashMap<>();
        for (UnansweredStore.Unanswered question : questions) {
            byText.computeIfAbsent(question.lang() + "\u0000" + normalized(question.text()),
                    key -> new Group(question.lang())).add(question);
        }
        List<Group> merged = new ArrayList<>();
        int embedded = 0;
        for (Group group : byText.values()) {
            TextEmbedder embedder = embedded < MAX_EMBEDDED ? knowledge.embedder(group.lang) : null;
            group.vector = embedder == null ? null : embedder.embed(group.texts.keySet().iterator().next());
            embedded += embedder == null ? 0 : 1;
            Group same = merged.stream().filter(other -> sameMeaning(other, group)).findFirst().orElse(null);
            if (same == null) {
                merged.add(group);
            } else {
                same.absorb(group);
            }
        }
        List<Gap> gaps = merged.stream().map(Group::gap)
                .sorted(Comparator.comparingInt(Gap::count).reversed().thenComparing(Gap::lastAsked,
                        Comparator.reverseOrder()))
                .limit(MAX_GAPS).toList();
        return new Gaps(days, questions.size(), gaps);
    }

    private static boolean sameMeaning(Group a, Group b) {
        if (!a.lang.equals(b.lang) || a.vector == null || b.vector == null) {
            return false;
        }
        return VectorUtil.cosine(a.vector, b.vector) >= ("zh".equals(a.lang) ? SAME_MEANING_ZH : SAME_MEANING);
    }

    static String normalized(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("[\\p{P}\\p{S}]+", " ").replaceAll("\\s+", " ").strip();
    }

    /** Questions of one meaning, newest first as read; texts with how often each was asked. */
    private static final class Group {
        private final String lang;
        private final Map<String, Integer> texts = new LinkedHashMap<>();
        private int count;
        private int handedOff;
        private Instant lastAsked;
        private float[] vector;

        private Group(String lang) {
            this.lang = lang;
        }

        private void add(UnansweredStore.Unanswered question) {
            texts.merge(question.text(), 1, Integer::sum);
            count++;
            handedOff += question.handedOff() ? 1 : 0;
            lastAsked = lastAsked == null || question.at().isAfter(lastAsked) ? question.at() : lastAsked;
        }

        private void absorb(Group other) {
            other.texts.forEach((text, times) -> texts.merge(text, times, Integer::sum));
            count += other.count;
            handedOff += other.handedOff;
            lastAsked = other.lastAsked.isAfter(lastAsked) ? other.lastAsked : lastAsked;
        }

        private Gap gap() {
            String example = texts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            return new Gap(lang, example, count, handedOff, lastAsked, texts.keySet().stream().limit(3).toList());
        }
    }
}
