package dev.livedesk.bot;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

import java.util.List;

/**
 * Analysis for Chinese and English in one field: Chinese text becomes overlapping bigrams plus single characters
 * (no dictionary needed, and short queries such as 退款 still match), English words are lower-cased, stripped of
 * stop words and stemmed. Built directly rather than through Lucene's SPI lookup, which native images do not keep.
 */
final class FaqAnalyzer extends Analyzer {

    /**
     * Words that say how a customer asks, not what about: Lucene's English stop words plus pronouns, question words
     * and courtesies, and Chinese function characters and question words (as single characters and as bigrams).
     * Left in, they let any chatty question match some entry.
     */
    static final CharArraySet STOP_WORDS = stopWords();

    private static CharArraySet stopWords() {
        CharArraySet words = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
        words.addAll(List.of("i", "me", "my", "mine", "you", "your", "we", "our", "us", "what", "how", "where",
                "when", "why", "which", "who", "can", "could", "do", "does", "did", "have", "has", "had", "please",
                "would", "should", "just", "hi", "hello", "thanks", "thank", "am", "im", "i'm", "it's", "s"));
        words.addAll(List.of("的", "了", "吗", "呢", "吧", "啊", "呀", "嘛", "我", "你", "您", "他", "她", "它", "们",
                "是", "在", "有", "和", "就", "都", "也", "会", "能", "可", "以", "怎", "么", "什", "样", "这", "那",
                "个", "一", "很", "还", "给", "把", "被", "让", "想", "好", "请", "问", "下", "为", "如", "何",
                "怎么", "什么", "为什", "如何", "可以", "我的", "一下", "请问", "你们", "我们", "能不", "不能",
                "有没", "没有", "怎样", "么样", "么办", "你好", "谢谢"));
        return CharArraySet.unmodifiableSet(words);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = new CJKWidthFilter(source);
        stream = new LowerCaseFilter(stream);
        stream = new CJKBigramFilter(stream, CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA
                | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL, true);
        stream = new EnglishPossessiveFilter(stream);
        stream = new StopFilter(stream, STOP_WORDS);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(new CJKWidthFilter(in));
    }
}
