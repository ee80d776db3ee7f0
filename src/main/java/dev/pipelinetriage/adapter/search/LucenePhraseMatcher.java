package dev.pipelinetriage.adapter.search;

import dev.pipelinetriage.app.port.PhraseMatcher;
import dev.pipelinetriage.domain.Indication;
import java.util.HashSet;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Phrase indications as Lucene phrase queries: every word of the phrase, adjacent and in order, within
 * one line, after the same analysis as the index (so "port 8080" also matches "port 5432").
 */
public final class LucenePhraseMatcher implements PhraseMatcher {

    private static final String FIELD = "line";
    private final LogLineAnalyzer analyzer;

    public LucenePhraseMatcher() {
        this(new LogLineAnalyzer());
    }

    LucenePhraseMatcher(LogLineAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    @Override
    public boolean matches(Indication.Phrase phrase, String line) {
        List<String> phraseTokens = analyzer.tokens(phrase.text());
        return matches(phraseTokens, analyzer.tokens(line), line);
    }

    /**
     * Whether {@code phraseTokens} occur as a phrase in {@code line}; {@code lineTokens} is the line's
     * analysis, used to skip the Lucene query when some word is missing altogether (the common case).
     */
    boolean matches(List<String> phraseTokens, List<String> lineTokens, String line) {
        if (phraseTokens.isEmpty() || !new HashSet<>(lineTokens).containsAll(phraseTokens)) {
            return false;
        }
        MemoryIndex memory = new MemoryIndex();
        memory.addField(FIELD, line, analyzer);
        return memory.search(query(phraseTokens)) > 0.0f;
    }

    private static Query query(List<String> tokens) {
        if (tokens.size() == 1) {
            return new TermQuery(new Term(FIELD, tokens.getFirst()));
        }
        return new PhraseQuery(FIELD, tokens.toArray(String[]::new));
    }
}
