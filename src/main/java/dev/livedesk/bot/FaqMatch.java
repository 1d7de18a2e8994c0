package dev.livedesk.bot;

/** The best entry for a customer's text and its BM25 score. */
public record FaqMatch(FaqEntry entry, float score) {
}
