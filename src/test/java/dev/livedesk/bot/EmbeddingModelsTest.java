package dev.livedesk.bot;

import dev.livedesk.support.LogCapture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Loading the embedding models, and what happens where they cannot run (a native image without ONNX Runtime). */
class EmbeddingModelsTest {

    @Test
    void aModelThatCannotRunIsLeftOutAndTheLogSaysItsLanguageUsesBm25Alone() {
        try (LogCapture log = new LogCapture()) {
            Map<String, TextEmbedder> models = EmbeddingModels.load(List.of(new EmbeddingModels.Model("en", "broken",
                    () -> {
                        throw new UnsatisfiedLinkError("no onnxruntime in java.library.path");
                    })));
            assertThat(models).isEmpty();
            assertThat(log.lines()).anyMatch(line -> line.contains("broken") && line.contains("BM25 alone"));
        }
    }

    @Test
    void withEmbeddingsOffNoModelLoads() {
        assertThat(EmbeddingModels.load(false)).isEmpty();
    }

    @Test
    void theShippedModelsLoadFromTheClassPathAndEmbedBothLanguages() {
        Map<String, TextEmbedder> models = EmbeddingModels.load(true);
        assertThat(models).containsOnlyKeys("en", "zh");
        assertThat(models.get("en").embed("where is my order")).hasSize(384 + 384);
        assertThat(models.get("zh").embed("我的订单在哪里")).hasSize(512);
    }

    @Test
    void withoutModelsTheIndexStillAnswersWithBm25() {
        FaqIndex index = new FaqIndex(KnowledgeBase.load("classpath:faq/shop.yaml"), Map.of(),
                AssistantCalibration.SHIPPED);
        assertThat(index.search("how much does shipping cost").answer().orElseThrow().topic()).isEqualTo("shipping-cost");
        assertThat(index.search("how much does shipping cost").ranked().get(0).similarity()).isNaN();
    }
}
