package dev.livedesk.bot;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * An in-memory Lucene index of a knowledge base with two rankings fused: BM25 over words and KNN over dense vectors.
 *
 * <p>BM25 (Lucene's default similarity) matches a question against entries' questions, keywords and answers,
 * weighted in that order; it is exact about words and blind to paraphrase ("postage" is not "shipping cost"). Each
 * entry's question, each of its keywords and each sentence of its answer is also embedded by the language's model
 * ({@link TextEmbedder}) and kept in a {@link KnnFloatVectorField} (cosine); the closest phrasing stands for its
 * entry. The two are fused by a convex combination of their scores (Bruch, Gai and Ingber, "An Analysis of Fusion
 * Functions for Hybrid Retrieval", ACM TOIS 2023): {@code w × cosine + (1 − w) × bm25 / (bm25 + 60)}, with the
 * vector weight {@code w} of the language from {@link Calibration}. Measured on the tuning set it ranked the right
 * entry first more often than reciprocal rank fusion (English 70 against 66 of 72, Chinese 67 against 64): rank
 * fusion throws away how far apart the scores are, and a strong paraphrase match then loses to BM25's first place
 * on a shared word. BM25's score is squashed with a fixed constant rather than by the query's best score, so a
 * weak keyword match stays weak. Whether the best candidate answers at all is {@link Calibration}'s decision, on the
 * raw scores.
 *
 * <p>Only entries in the customer's language take part when the knowledge base has any: a customer who writes
 * Chinese is answered in Chinese. Customer text is analyzed into terms, never parsed as query syntax. Built once;
 * searching is thread-safe.
 */
public final class FaqIndex implements AutoCloseable {

    private static final String QUESTION = "question";
    private static final String KEYWORDS = "keywords";
    private static final String ANSWER = "answer";
    private static final String LANG = "lang";
    private static final String POSITION = "position";
    /** Three fields times this stays far below Lucene's limit of 1024 clauses, even for a 4000-character message. */
    private static final int MAX_TERMS = 256;
    private static final Map<String, Float> FIELD_WEIGHTS = Map.of(QUESTION, 3f, KEYWORDS, 2f, ANSWER, 1f);
    /** Marks the documents BM25 searches (one per entry); vector documents (one per phrasing) lack it. */
    private static final String KIND = "kind";
    private static final String ENTRY = "entry";
    private static final String VECTOR = "vector_";
    /** How many of BM25's best take part in the fusion. */
    private static final int BM25_DEPTH = 10;
    /** The BM25 score that counts half in the fusion: {@code bm25 / (bm25 + BM25_HALF)} maps scores into [0, 1). */
    private static final double BM25_HALF = 60;

    /**
     * Best fused score first; ties (rare with scores, but BM25 alone gives them when a language has no model) go to
     * the closer meaning, then to the knowledge base's order.
     */
    private static final Comparator<Candidate> FUSED_ORDER = Comparator.comparingDouble(Candidate::fused).reversed()
            .thenComparing(Comparator.comparingDouble(
                    (Candidate c) -> Double.isNaN(c.similarity()) ? -2 : c.similarity()).reversed());

    private final Calibration calibration;
    private final List<FaqEntry> entries;
    private final Set<String> languages;
    private final Map<String, TextEmbedder> embedders;
    private final Map<String, Integer> phrasings = new HashMap<>();
    private final Analyzer analyzer = new FaqAnalyzer();
    private final IndexSearcher searcher;
    private final AtomicBoolean closed = new AtomicBoolean();
    /**
     * Each document's entry, by document id, read once: a question's vector search ranks every phrasing of its
     * language, and reading the stored field of each hit was a tenth of the search's cost.
     */
    private final int[] positions;

    /**
     * @param embedders the embedding model of each language that has one; a language without one is ranked by BM25
     *                  alone
     */
    public FaqIndex(KnowledgeBase knowledgeBase, Map<String, TextEmbedder> embedders, Calibration calibration) {
        this.calibration = calibration;
        this.entries = knowledgeBase.entries();
        this.embedders = Map.copyOf(embedders);
        this.languages = entries.stream().map(FaqEntry::lang).collect(Collectors.toUnmodifiableSet());
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            for (int i = 0; i < entries.size(); i++) {
                FaqEntry entry = entries.get(i);
                Document document = new Document();
                document.add(new StoredField(POSITION, i));
                document.add(new StringField(KIND, ENTRY, Field.Store.NO));
                document.add(new StringField(LANG, entry.lang(), Field.Store.NO));
                document.add(new TextField(QUESTION, entry.question(), Field.Store.NO));
                document.add(new TextField(KEYWORDS, String.join(" , ", entry.keywords()), Field.Store.NO));
                document.add(new TextField(ANSWER, entry.answer(), Field.Store.NO));
                writer.addDocument(document);
                TextEmbedder embedder = this.embedders.get(entry.lang());
                if (embedder != null) {
                    List<String> texts = new ArrayList<>(List.of(entry.question()));
                    texts.addAll(entry.keywords());
                    texts.addAll(sentences(entry.answer()));
                    for (String phrasing : texts) {
                        Document vector = new Document();
                        vector.add(new StoredField(POSITION, i));
                        vector.add(new KnnFloatVectorField(VECTOR + entry.lang(), embedder.embed(phrasing),
                                VectorSimilarityFunction.COSINE));
                        writer.addDocument(vector);
                        phrasings.merge(entry.lang(), 1, Integer::sum);
                    }
                }
            }
            writer.commit();
            this.searcher = new IndexSearcher(DirectoryReader.open(directory));
            this.positions = new int[searcher.getIndexReader().maxDoc()];
            StoredFields stored = searcher.storedFields();
            for (int doc = 0; doc < positions.length; doc++) {
                positions[doc] = stored.document(doc).getField(POSITION).numericValue().intValue();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot index the knowledge base", e);
        }
    }

    /** Both rankings of the text, fused, and whether the best candidate answers it. */
    public Retrieval search(String text) {
        return search(text, true);
    }

    /**
     * BM25 alone, decided as without a model: a fraction of a millisecond where embedding an English question
     * costs a few, for an assistant that has fallen behind and must answer promptly rather than best.
     */
    public Retrieval lexicalSearch(String text) {
        return search(text, false);
    }

    private Retrieval search(String text, boolean withVectors) {
        String lang = languageOf(text);
        String wanted = languages.contains(lang) ? lang : null;
        Map<Integer, float[]> bm25 = bm25(text);
        Map<Integer, double[]> vectors = withVectors ? vectors(text, wanted) : Map.of();
        Map<Integer, Candidate> candidates = new HashMap<>();
        double weight = vectors.isEmpty() ? 0 : calibration.vectorWeight(lang);
        bm25.forEach((position, hit) -> candidates.put(position,
                candidate(position, hit, vectors.get(position), weight)));
        vectors.forEach((position, hit) -> candidates.computeIfAbsent(position,
                p -> candidate(p, null, hit, weight)));
        List<Candidate> ranked = candidates.values().stream().sorted(FUSED_ORDER).toList();
        Optional<FaqEntry> answer = ranked.isEmpty() ? Optional.empty()
                : calibration.answers(lang, ranked.get(0), !vectors.isEmpty())
                ? Optional.of(ranked.get(0).entry()) : Optional.empty();
        return new Retrieval(lang, ranked, answer);
    }

    /**
     * Takes a reference to the index for one search; false once the index is closed. Each successful call is
     * paired with {@link #release()}.
     */
    boolean tryAcquire() {
        return searcher.getIndexReader().tryIncRef();
    }

    void release() {
        try {
            searcher.getIndexReader().decRef();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the knowledge base's index", e);
        }
    }

    /**
     * Drops the index's own reference: its reader closes once the last search that acquired it has released it,
     * so a reload never pulls the index from under a search in progress. Once only.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release();
        }
    }

    /** The sentences of an answer, each a phrasing of what the entry is about. */
    static List<String> sentences(String answer) {
        return java.util.Arrays.stream(answer.split("(?<=[.!?。！？；;])\\s*"))
                .map(String::strip).filter(sentence -> !sentence.isEmpty()).toList();
    }

    /** The first entry of each of the first {@code max} topics of a language, in the knowledge base's order. */
    public List<FaqEntry> topics(String lang, int max) {
        Set<String> seen = new HashSet<>();
        return entries.stream().filter(entry -> entry.lang().equals(lang) && seen.add(entry.topic())).limit(max)
                .toList();
    }

    /** How many entries the knowledge base has. */
    public int entries() {
        return entries.size();
    }

    /** How many phrasings of each language are embedded: what building the index cost. */
    public Map<String, Integer> embeddedPhrasings() {
        return Map.copyOf(phrasings);
    }

    private Candidate candidate(int position, float[] bm25, double[] vector, double weight) {
        float score = bm25 == null ? 0 : bm25[0];
        int bm25Rank = bm25 == null ? 0 : (int) bm25[1];
        double similarity = vector == null ? Double.NaN : vector[0];
        int vectorRank = vector == null ? 0 : (int) vector[1];
        double fused = weight * (vector == null ? -1 : similarity) + (1 - weight) * score / (score + BM25_HALF);
        return new Candidate(entries.get(position), score, bm25Rank, similarity, vectorRank, fused);
    }

    /** BM25's best entries: position to {score, rank}. */
    private Map<Integer, float[]> bm25(String text) {
        Query query = query(text);
        Map<Integer, float[]> hits = new HashMap<>();
        if (query == null) {
            return hits;
        }
        try {
            TopDocs top = searcher.search(query, BM25_DEPTH);
            int rank = 0;
            for (ScoreDoc hit : top.scoreDocs) {
                hits.put(position(hit), new float[]{hit.score, ++rank});
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot search the knowledge base", e);
        }
    }

    /** Every entry of the language by its closest phrasing: position to {cosine, rank}; empty without a model. */
    private Map<Integer, double[]> vectors(String text, String lang) {
        TextEmbedder embedder = lang == null ? null : embedders.get(lang);
        Map<Integer, double[]> hits = new HashMap<>();
        if (embedder == null || text.isBlank()) {
            return hits;
        }
        try {
            TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR + lang, embedder.embed(text),
                    phrasings.getOrDefault(lang, 1)), phrasings.getOrDefault(lang, 1));
            int rank = 0;
            for (ScoreDoc hit : top.scoreDocs) {
                int position = position(hit);
                if (!hits.containsKey(position)) {
                    hits.put(position, new double[]{2.0 * hit.score - 1.0, ++rank});
                }
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot search the knowledge base", e);
        }
    }

    private int position(ScoreDoc hit) {
        return positions[hit.doc];
    }

    /** The language of a customer's text: {@code zh} when it holds Han characters, else {@code en}. */
    static String languageOf(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                ? "zh" : "en";
    }

    private Query query(String text) {
        Set<String> terms = terms(text);
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder fields = new BooleanQuery.Builder();
        for (Map.Entry<String, Float> field : FIELD_WEIGHTS.entrySet()) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (String term : terms) {
                any.add(new TermQuery(new Term(field.getKey(), term)), BooleanClause.Occur.SHOULD);
            }
            fields.add(new BoostQuery(any.build(), field.getValue()), BooleanClause.Occur.SHOULD);
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(fields.build(), BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(KIND, ENTRY)), BooleanClause.Occur.FILTER);
        String lang = languageOf(text);
        if (languages.contains(lang)) {
            query.add(new TermQuery(new Term(LANG, lang)), BooleanClause.Occur.FILTER);
        }
        return query.build();
    }

    /**
     * The distinct analyzed terms of the text, at most {@link #MAX_TERMS}: a flat bag of terms, because Chinese
     * unigrams and bigrams overlap and a phrase-aware query over them grows combinatorially.
     */
    private Set<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream(QUESTION, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < MAX_TERMS) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot analyze text", e);
        }
        return terms;
    }
}
