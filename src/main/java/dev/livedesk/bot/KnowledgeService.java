package dev.livedesk.bot;

import dev.livedesk.Threads;
import dev.livedesk.config.ConfigFiles;
import dev.livedesk.config.LiveDeskConfig;
import dev.livedesk.error.DeskException;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The knowledge base the assistant answers from, as a built {@link FaqIndex} that can be replaced while running.
 *
 * <p>Built once at start-up (the embedding models load here, and every phrasing is embedded). A reload builds the
 * new index completely beside the old one and then swaps the reference, so a question is always answered by one
 * whole index, never a half-built one; a knowledge base that does not load leaves the old one in place. A knowledge
 * base on disk is also watched (its modification time, every {@code livedesk.bot.watch-interval}), so each replica
 * picks up a changed file, e.g. a Kubernetes ConfigMap, by itself.
 */
@Startup
@ApplicationScoped
public class KnowledgeService {

    private static final Logger LOG = Logger.getLogger(KnowledgeService.class);

    /** What a reload did. */
    public record Loaded(int entries, Map<String, Integer> embeddedPhrasings, long millis) {
    }

    private final String location;
    private final Map<String, TextEmbedder> embedders;
    private final Calibration calibration;
    private final AtomicReference<FaqIndex> index = new AtomicReference<>();
    private final ScheduledExecutorService watcher = Threads.scheduler("livedesk-knowledge-watch");
    private volatile FileTime lastModified;

    public KnowledgeService(LiveDeskConfig config) {
        this.location = config.bot().knowledgeBase();
        this.embedders = EmbeddingModels.load(config.bot().embeddings());
        this.calibration = AssistantCalibration.SHIPPED.withMinScore(config.bot().minScore());
        this.lastModified = modified();
        Loaded loaded = load();
        LOG.infof("Knowledge base %s: %d entries, %s phrasings embedded, indexed in %d ms", location,
                loaded.entries(), loaded.embeddedPhrasings(), loaded.millis());
        if (ConfigFiles.file(location).isPresent()) {
            long every = config.bot().watchInterval().toMillis();
            watcher.scheduleWithFixedDelay(this::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Runs {@code search} on the current index, holding it open for the search's duration: a reload that swaps
     * in a new index meanwhile closes the old one only once the search is done.
     */
    public <T> T withIndex(Function<FaqIndex, T> search) {
        while (true) {
            FaqIndex current = index.get();
            if (current.tryAcquire()) {
                try {
                    return search.apply(current);
                } finally {
                    current.release();
                }
            }
        }
    }

    /** The embedding model of a language, if it has one. */
    public TextEmbedder embedder(String lang) {
        return embedders.get(lang);
    }

    /**
     * Loads the knowledge base again and swaps it in.
     *
     * @throws DeskException INVALID {@code invalid-knowledge-base} when it does not load; the old one stays
     */
    public Loaded reload() {
        try {
            Loaded loaded = load();
            LOG.infof("Knowledge base %s reloaded: %d entries in %d ms", location, loaded.entries(), loaded.millis());
            return loaded;
        } catch (RuntimeException e) {
            LOG.warnf("Knowledge base %s did not load, the previous one stays: %s", location, e.getMessage());
            throw DeskException.invalid("invalid-knowledge-base",
                    "The knowledge base did not load; the previous one stays: " + e.getMessage());
        }
    }

    /** One load at a time: a slower load that started earlier must not swap in an older file after a newer one. */
    private synchronized Loaded load() {
        long start = System.nanoTime();
        KnowledgeBase knowledgeBase = KnowledgeBase.load(location);
        FaqIndex next;
        try {
            next = new FaqIndex(knowledgeBase, embedders, calibration);
        } catch (OnnxCalls.ShuttingDown e) {
            LOG.info("The process is shutting down: the knowledge base is indexed without embeddings");
            next = new FaqIndex(knowledgeBase, Map.of(), calibration);
        }
        FaqIndex previous = index.getAndSet(next);
        if (previous != null) {
            previous.close();
        }
        return new Loaded(next.entries(), next.embeddedPhrasings(), (System.nanoTime() - start) / 1_000_000);
    }

    private void reloadIfChanged() {
        FileTime now = modified();
        if (now != null && !now.equals(lastModified)) {
            lastModified = now;
            try {
                reload();
            } catch (DeskException e) {
                // logged by reload; the next change is tried again
            }
        }
    }

    private FileTime modified() {
        Optional<Path> file = ConfigFiles.file(location);
        if (file.isEmpty()) {
            return null;
        }
        try {
            return Files.getLastModifiedTime(file.get());
        } catch (IOException e) {
            return null;
        }
    }

    @PreDestroy
    void stop() {
        watcher.shutdownNow();
        index.get().close();
    }
}
