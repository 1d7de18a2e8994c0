package dev.livedesk.bot;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An in-memory Lucene index of a knowledge base, ranked with BM25 (Lucene's default similarity).
 *
 * <p>A question is matched against entries' questions, keywords and answers, weighted in that order, and only
 * against entries in the customer's language when the knowledge base has any: a customer who writes Chinese is
 * answered in Chinese. Customer text is analyzed into terms, never parsed as query syntax.
 */
public final class FaqIndex {

    private static final String QUESTION = "question";
    private static final String KEYWORDS = "keywords";
    private static final String ANSWER = "answer";
    private static final String LANG = "lang";
    private static final String POSITION = "position";
    /** Three fields times this stays far below Lucene's limit of 1024 clauses, even for a 4000-character message. */
    private static final int MAX_TERMS = 256;
    private static final Map<String, Float> FIELD_WEIGHTS = Map.of(QUESTION, 3f, KEYWORDS, 2f, ANSWER, 1f);

    private final float minScore;
    private final List<FaqEntry> entries;
    private final Set<String> languages;
    private final Analyzer analyzer = new FaqAnalyzer();
    private final IndexSearcher searcher;

    /**
     * @param minScore the lowest score {@link #best} answers with; below it the text is a miss
     */
    public FaqIndex(KnowledgeBase knowledgeBase, float minScore) {
        this.minScore = minScore;
        this.entries = knowledgeBase.entries();
        this.languages = entries.stream().map(FaqEntry::lang).collect(Collectors.toUnmodifiableSet());
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            for (int i = 0; i < entries.size(); i++) {
                FaqEntry entry = entries.get(i);
                Document document = new Document();
                document.add(new StoredField(POSITION, i));
                document.add(new StringField(LANG, entry.lang(), Field.Store.NO));
                document.add(new TextField(QUESTION, entry.question(), Field.Store.NO));
                document.add(new TextField(KEYWORDS, String.join(" , ", entry.keywords()), Field.Store.NO));
                document.add(new TextField(ANSWER, entry.answer(), Field.Store.NO));
                writer.addDocument(document);
            }
            writer.commit();
            this.searcher = new IndexSearcher(DirectoryReader.open(directory));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot index the knowledge base", e);
        }
    }

    /** The best-scoring entry for the text, or empty when no entry scores at least the minimum. */
    public Optional<FaqMatch> best(String text) {
        Query query = query(text);
        if (query == null) {
            return Optional.empty();
        }
        try {
            TopDocs top = searcher.search(query, 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            ScoreDoc hit = top.scoreDocs[0];
            if (hit.score < minScore) {
                return Optional.empty();
            }
            int position = searcher.storedFields().document(hit.doc).getField(POSITION).numericValue().intValue();
            return Optional.of(new FaqMatch(entries.get(position), hit.score));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot search the knowledge base", e);
        }
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
        String lang = languageOf(text);
        if (!languages.contains(lang)) {
            return fields.build();
        }
        return new BooleanQuery.Builder()
                .add(fields.build(), BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(LANG, lang)), BooleanClause.Occur.FILTER)
                .build();
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
