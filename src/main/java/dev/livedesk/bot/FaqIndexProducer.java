package dev.livedesk.bot;

import dev.livedesk.config.LiveDeskConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the FAQ index from the configured knowledge base, once. */
public class FaqIndexProducer {

    @Produces
    @Singleton
    FaqIndex faqIndex(LiveDeskConfig config) {
        return new FaqIndex(KnowledgeBase.load(config.bot().knowledgeBase()), EmbeddingModels.load(true),
                AssistantCalibration.SHIPPED);
    }
}
