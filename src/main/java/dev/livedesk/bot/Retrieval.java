package dev.livedesk.bot;

import java.util.List;
import java.util.Optional;

/**
 * What the knowledge base holds for a customer's text, in the customer's language: the entries either ranking
 * found, best fused first, and the decision whether the best one answers the text.
 *
 * @param lang   the language of the customer's text, and of every candidate
 * @param ranked candidates by fused score, best first
 * @param answer the entry that answers the text, when the evidence is strong enough (see {@link Calibration})
 */
public record Retrieval(String lang, List<Candidate> ranked, Optional<FaqEntry> answer) {

    public Retrieval {
        ranked = List.copyOf(ranked);
    }

    /** Up to {@code max} entries of distinct topics to offer a customer who was not understood, best first. */
    public List<FaqEntry> suggestions(int max) {
        return ranked.stream().map(Candidate::entry).map(FaqEntry::topic).distinct().limit(max)
                .map(topic -> ranked.stream().map(Candidate::entry).filter(e -> e.topic().equals(topic))
                        .findFirst().orElseThrow())
                .toList();
    }
}
