package dev.livedesk.chat;

/**
 * A topic the assistant offers a customer it did not understand; picking it asks {@code question}.
 *
 * @param topic    the knowledge base's topic
 * @param question the topic's question, in the customer's language
 */
public record Suggestion(String topic, String question) {
}
