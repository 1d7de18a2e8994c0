package dev.livedesk.bot;

/**
 * Turns text into a dense vector, for one language. Implementations run a model in the process; calls are CPU-bound
 * (milliseconds), so callers keep them off event loops.
 */
public interface TextEmbedder {

    /** The model's name, for logs and docs/assistant.md's measurements. */
    String name();

    /** The vector of the text; the same text always gives the same vector. */
    float[] embed(String text);
}
