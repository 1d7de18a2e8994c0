package dev.livedesk.bot;

/**
 * One knowledge-base entry as the retrieval saw it for a customer's text.
 *
 * @param bm25       its BM25 score, 0 when BM25 did not rank it
 * @param bm25Rank   its place in BM25's ranking from 1, or 0 when not ranked
 * @param similarity the cosine similarity of the text to the closest of the entry's phrasings (its question and
 *                   keywords), or NaN without an embedding model for the language
 * @param vectorRank its place in the vector ranking from 1, or 0 when not ranked
 * @param fused      its fused score: the convex combination of its similarity and its squashed BM25 score that
 *                   {@link FaqIndex} ranks by
 */
public record Candidate(FaqEntry entry, float bm25, int bm25Rank, double similarity, int vectorRank, double fused) {
}
