package dev.livedesk.bot;

import java.util.Optional;

/** What each ranking alone would answer, for measuring the assistant's retrieval against its parts. */
final class Rankings {

    private Rankings() {
    }

    /** BM25 alone: its best entry when it scores at least {@code minScore}. */
    static Optional<FaqEntry> bm25Answer(Retrieval retrieval, float minScore) {
        return retrieval.ranked().stream().filter(c -> c.bm25Rank() == 1 && c.bm25() >= minScore)
                .map(Candidate::entry).findFirst();
    }

    /** Vectors alone: the closest entry when its similarity is at least {@code minSimilarity}. */
    static Optional<FaqEntry> vectorAnswer(Retrieval retrieval, double minSimilarity) {
        return retrieval.ranked().stream().filter(c -> c.vectorRank() == 1 && c.similarity() >= minSimilarity)
                .map(Candidate::entry).findFirst();
    }

    /** The best fused candidate, if any. */
    static Optional<Candidate> best(Retrieval retrieval) {
        return retrieval.ranked().stream().findFirst();
    }
}
