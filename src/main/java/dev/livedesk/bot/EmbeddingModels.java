package dev.livedesk.bot;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The embedding model of each language, loaded from the Maven artifacts on the class path (nothing is downloaded):
 * all-MiniLM-L6-v2 for English and BGE small zh v1.5 for Chinese, both quantized, which measured best on the
 * tuning set (BGE alone misses English paraphrases; MiniLM alone does not understand Chinese).
 *
 * <p>A model that cannot load (ONNX Runtime's native library is not available, as in a native image) is left out
 * with a warning: the assistant then ranks that language with BM25 alone.
 */
public final class EmbeddingModels {

    private static final Logger LOG = Logger.getLogger(EmbeddingModels.class);

    private EmbeddingModels() {
    }

    /** The models that loaded, by language; empty when {@code enabled} is false. */
    public static Map<String, TextEmbedder> load(boolean enabled) {
        Map<String, TextEmbedder> models = new LinkedHashMap<>();
        if (!enabled) {
            LOG.info("Embeddings are off (livedesk.bot.embeddings=false): the assistant ranks with BM25 alone");
            return models;
        }
        return load(List.of(
                new Model("en", "all-minilm-l6-v2-q", AllMiniLmL6V2QuantizedEmbeddingModel::new),
                new Model("zh", "bge-small-zh-v15-q", BgeSmallZhV15QuantizedEmbeddingModel::new)));
    }

    /** A language's model, and how to load it. */
    record Model(String lang, String name, Supplier<EmbeddingModel> loader) {
    }

    /** Loads each model; one that cannot run is left out, with a warning saying its language falls back to BM25. */
    static Map<String, TextEmbedder> load(List<Model> wanted) {
        Map<String, TextEmbedder> models = new LinkedHashMap<>();
        for (Model model : wanted) {
            add(models, model.lang(), model.name(), model.loader());
        }
        return models;
    }

    private static void add(Map<String, TextEmbedder> models, String lang, String name,
                            Supplier<EmbeddingModel> model) {
        long start = System.nanoTime();
        try {
            EmbeddingModel loaded = model.get();
            models.put(lang, new Onnx(name, loaded));
            LOG.infof("Embedding model %s for %s loaded in %d ms", name, lang, (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException | LinkageError e) {
            LOG.warnf("Embedding model %s for %s cannot run here (%s): %s is ranked with BM25 alone", name, lang, e,
                    lang);
        }
    }

    private record Onnx(String name, EmbeddingModel model) implements TextEmbedder {
        @Override
        public float[] embed(String text) {
            return model.embed(text).content().vector();
        }
    }
}
