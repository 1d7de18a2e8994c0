package dev.livedesk.bot;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import org.apache.lucene.util.VectorUtil;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The embedding model of each language, loaded from the Maven artifacts on the class path (nothing is downloaded),
 * all quantized: for English all-MiniLM-L6-v2 and BGE small en v1.5 together, for Chinese BGE small zh v1.5. Measured
 * on the tuning set (vectors alone, right entry first, of 72 English phrasings): MiniLM 61, BGE small en 67, E5 small
 * v2 65, the unquantized BGE small en 68, MiniLM and BGE small en together 70. Together means each text's two
 * vectors, each of unit length, side by side: the cosine of two such vectors is the mean of the two models' cosines,
 * so one model's blind spot is covered by the other. BGE small zh alone understands Chinese (MiniLM does not).
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
                new Model("en", "all-minilm-l6-v2-q+bge-small-en-v15-q", () -> List.of(
                        new AllMiniLmL6V2QuantizedEmbeddingModel(), new BgeSmallEnV15QuantizedEmbeddingModel())),
                new Model("zh", "bge-small-zh-v15-q", () -> List.of(new BgeSmallZhV15QuantizedEmbeddingModel()))));
    }

    /** A language's model (one, or several whose cosines are averaged), and how to load it. */
    record Model(String lang, String name, Supplier<List<EmbeddingModel>> loader) {
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
                            Supplier<List<EmbeddingModel>> model) {
        long start = System.nanoTime();
        try {
            models.put(lang, new Onnx(name, List.copyOf(model.get())));
            LOG.infof("Embedding model %s for %s loaded in %d ms", name, lang, (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException | LinkageError e) {
            LOG.warnf("Embedding model %s for %s cannot run here (%s): %s is ranked with BM25 alone", name, lang, e,
                    lang);
        }
    }

    /** The models' vectors of a text, each scaled to unit length, side by side. */
    private record Onnx(String name, List<EmbeddingModel> models) implements TextEmbedder {
        @Override
        public float[] embed(String text) {
            if (models.size() == 1) {
                return models.get(0).embed(text).content().vector();
            }
            List<float[]> parts = models.stream().map(model -> model.embed(text).content().vector()).toList();
            float[] joined = new float[parts.stream().mapToInt(part -> part.length).sum()];
            int offset = 0;
            for (float[] part : parts) {
                double norm = Math.sqrt(VectorUtil.dotProduct(part, part));
                for (float value : part) {
                    joined[offset++] = norm == 0 ? 0 : (float) (value / norm);
                }
            }
            return joined;
        }
    }
}
