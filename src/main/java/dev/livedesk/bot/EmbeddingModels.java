package dev.livedesk.bot;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
        OnnxCalls.holdExitDuringCalls();
        return load(List.of(
                new Model("en", "all-minilm-l6-v2-q+bge-small-en-v15-q", () -> List.of(
                        onnx("all-minilm-l6-v2-q", PoolingMode.MEAN), onnx("bge-small-en-v1.5-q", PoolingMode.CLS))),
                new Model("zh", "bge-small-zh-v15-q", () -> List.of(onnx("bge-small-zh-v1.5-q", PoolingMode.CLS)))));
    }

    /**
     * The model {@code name} from its LangChain4j artifact ({@code <name>.onnx} and {@code <name>-tokenizer.json} at
     * the jar's root, the pooling its model class uses), run by ONNX Runtime on the calling thread only. The
     * artifacts' own classes open a session with ONNX Runtime's defaults, a pool of one thread per core that spins
     * while it waits for work, burning CPU on the cores the streams need.
     */
    static EmbeddingModel onnx(String name, PoolingMode pooling) {
        return OnnxCalls.run(() -> open(name, pooling));
    }

    private static EmbeddingModel open(String name, PoolingMode pooling) {
        ClassLoader loader = EmbeddingModels.class.getClassLoader();
        try (InputStream model = loader.getResourceAsStream(name + ".onnx");
             InputStream tokenizer = loader.getResourceAsStream(name + "-tokenizer.json");
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (model == null || tokenizer == null) {
                throw new IllegalStateException(name + " is not on the class path");
            }
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            return new OnCallingThread(new OnnxBertBiEncoder(environment, session, tokenizer, pooling));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the embedding model " + name, e);
        } catch (OrtException e) {
            throw new IllegalStateException("Cannot open the embedding model " + name, e);
        }
    }

    /** An in-process model that embeds on the caller's thread (the assistant's), never on a pool of its own. */
    private static final class OnCallingThread extends AbstractInProcessEmbeddingModel {

        private final OnnxBertBiEncoder encoder;

        OnCallingThread(OnnxBertBiEncoder encoder) {
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }
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
        } catch (OnnxCalls.ShuttingDown e) {
            LOG.infof("Embedding model %s for %s not loaded: the process is shutting down", name, lang);
        } catch (RuntimeException | LinkageError e) {
            LOG.warnf("Embedding model %s for %s cannot run here (%s): %s is ranked with BM25 alone", name, lang, e,
                    lang);
        }
    }

    /**
     * The models' vectors of a text side by side. Each is of unit length already (LangChain4j's encoder normalizes
     * what it pools), so the cosine of two joined vectors is the mean of the models' cosines.
     */
    private record Onnx(String name, List<EmbeddingModel> models) implements TextEmbedder {
        @Override
        public float[] embed(String text) {
            float[][] parts = new float[models.size()][];
            int length = 0;
            for (int i = 0; i < parts.length; i++) {
                EmbeddingModel model = models.get(i);
                parts[i] = OnnxCalls.run(() -> model.embed(text).content().vector());
                length += parts[i].length;
            }
            float[] joined = new float[length];
            int offset = 0;
            for (float[] part : parts) {
                System.arraycopy(part, 0, joined, offset, part.length);
                offset += part.length;
            }
            return joined;
        }
    }
}
