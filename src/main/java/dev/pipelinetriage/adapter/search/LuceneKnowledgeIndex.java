package dev.pipelinetriage.adapter.search;

import dev.pipelinetriage.app.port.KnowledgeIndex;
import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.Match;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * The knowledge base in an in-memory Lucene index, answering "which known errors do these failure lines
 * resemble?".
 *
 * <p><b>Documents.</b> One per example line and one per counter-example line of every entry (the
 * entry id is a field), analyzed by {@link LogLineAnalyzer}. Per-line documents, rather than one per
 * entry, let a score be compared with the single example it resembles. Titles are not indexed: they are
 * prose, not log lines, and would only blur the comparison.
 *
 * <p><b>Queries.</b> Each distinct failure line is one query (its distinct terms, OR-ed), because a
 * known error shows in one line; pooling the words of many lines would let "error" from one line and
 * "timeout" from another add up to a match nobody saw.
 *
 * <p><b>Calibration to 0..1.</b> For a line L and an example D:
 * <ul>
 *   <li>coverage = BM25(L, D) / BM25(D, D): the share of the example's weight that the line contains;
 *       D's own text as a query gives the largest score D can get, so a verbatim example gives 1;</li>
 *   <li>focus = idf-weight of the terms L shares with D / idf-weight of all of L's terms: how much of
 *       the line the example explains, so a long line that merely contains a common word stays low;</li>
 *   <li>similarity = coverage^0.75 x focus^0.25 (coverage dominates: failure lines often carry
 *       project-specific words that no example can contain);</li>
 *   <li>a line that lacks the example's most distinctive term (its highest idf; any of them on a tie) keeps only
 *       {@value #MISSING_DISTINCTIVE_FACTOR} of that: "npm ERR! code ELIFECYCLE" shares three words with
 *       "npm ERR! code ERESOLVE" but not the one that names the error;</li>
 *   <li>an example of fewer than {@value #MIN_TERMS_FOR_PARTIAL} terms only counts for a line whose every
 *       term it contains: a two-word example is in too many lines to mean anything there.</li>
 * </ul>
 * A phrase indication found in a line scores 1 and marks the match {@link Match#patternFired()}: the entry's
 * own pattern, not a resemblance. An entry's score for a line is its best example's
 * similarity, unless one of its own counter-examples resembles the line at least as much: then the line
 * is on the wrong side of the boundary the entry's author drew, and the entry is left out. An entry's
 * score for the failure is its best line's; its evidence are the lines close to that best.
 */
public final class LuceneKnowledgeIndex implements KnowledgeIndex {

    /** Entries scoring below this are not returned: an unrelated line shares at most a word or two. */
    static final double MIN_SCORE = 0.3;
    private static final double COVERAGE_WEIGHT = 0.75;
    static final double MISSING_DISTINCTIVE_FACTOR = 0.6;
    /** An example with fewer terms only resembles lines made of its own terms. */
    static final int MIN_TERMS_FOR_PARTIAL = 3;
    private static final int HITS_PER_LINE = 64;
    private static final int MAX_TERMS_PER_QUERY = 256;
    private static final int MAX_EVIDENCE = 5;
    private static final String TEXT = "text";
    private static final String ORDINAL = "ordinal";

    private final List<KnownError> entries;
    private final LogLineAnalyzer analyzer = new LogLineAnalyzer();
    private final LucenePhraseMatcher phraseMatcher = new LucenePhraseMatcher(analyzer);
    private final List<IndexedLine> lines = new ArrayList<>();
    private final Map<String, List<IndexedPhrase>> phrasesByFirstToken = new HashMap<>();
    private final IndexSearcher searcher;
    private final Directory directory;
    private final String contentHash;
    private final boolean loadedPrebuilt;

    /** A document: one example or counter-example line of an entry. */
    private record IndexedLine(int entry, boolean counter, String text, Set<String> terms, double selfScore,
            Set<String> distinctive) {
    }

    private record IndexedPhrase(int entry, List<String> tokens) {
    }

    /**
     * Builds the index; entries are kept in id order. When the index built at package time for these very entries
     * is on the classpath (same content hash), it is loaded instead of built.
     */
    public LuceneKnowledgeIndex(List<KnownError> entries) {
        this(entries, PrebuiltIndex.bundled());
    }

    LuceneKnowledgeIndex(List<KnownError> entries, Optional<PrebuiltIndex> prebuilt) {
        this.entries = entries.stream().sorted(Comparator.comparing(KnownError::id)).toList();
        this.contentHash = PrebuiltIndex.contentHash(this.entries);
        Optional<PrebuiltIndex> matching = prebuilt.filter(p -> p.contentHash().equals(contentHash));
        List<IndexedLine> unscored = new ArrayList<>();
        for (int e = 0; e < this.entries.size(); e++) {
            KnownError entry = this.entries.get(e);
            if (matching.isEmpty()) {
                addLines(e, false, entry.examples(), unscored);
                addLines(e, true, entry.counterExamples(), unscored);
            }
            for (Indication indication : entry.indications()) {
                if (indication instanceof Indication.Phrase phrase) {
                    List<String> tokens = analyzer.tokens(phrase.text());
                    if (!tokens.isEmpty()) {
                        // A line can only hold the phrase if it holds its first word: one lookup per word of a line.
                        phrasesByFirstToken.computeIfAbsent(tokens.getFirst(), t -> new ArrayList<>())
                                .add(new IndexedPhrase(e, tokens));
                    }
                }
            }
        }
        // The prebuilt lines were analyzed at package time, from these very entries (the hash says so).
        matching.ifPresent(p -> p.lines().forEach(line -> unscored.add(new IndexedLine(line.entry(), line.counter(),
                line.text(), new LinkedHashSet<>(line.terms()), line.selfScore(), null))));
        try {
            this.loadedPrebuilt = matching.isPresent();
            this.directory = matching.isPresent() ? matching.get().directory() : write(unscored);
            this.searcher = new IndexSearcher(DirectoryReader.open(directory));
            Map<String, Double> idfCache = new HashMap<>();
            for (int i = 0; i < unscored.size(); i++) {
                IndexedLine line = unscored.get(i);
                double rarest = line.terms().stream().mapToDouble(t -> idf(t, idfCache)).max().orElseThrow();
                Set<String> distinctive = line.terms().stream()
                        .filter(t -> idf(t, idfCache) >= rarest - 1e-9)
                        .collect(Collectors.toUnmodifiableSet());
                double self = matching.isPresent() ? line.selfScore() : selfScore(i, line.terms());
                lines.add(new IndexedLine(line.entry(), line.counter(), line.text(), line.terms(), self, distinctive));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("building the in-memory knowledge index failed", e);
        }
    }

    private Directory write(List<IndexedLine> unscored) throws IOException {
        ByteBuffersDirectory written = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(written, new IndexWriterConfig(analyzer))) {
            for (int ordinal = 0; ordinal < unscored.size(); ordinal++) {
                Document document = new Document();
                document.add(new TextField(TEXT, unscored.get(ordinal).text(), Field.Store.NO));
                document.add(new StringField(ORDINAL, Integer.toString(ordinal), Field.Store.NO));
                document.add(new StoredField(ORDINAL, ordinal));
                writer.addDocument(document);
            }
        }
        return written;
    }

    private void addLines(int entry, boolean counter, List<String> examples, List<IndexedLine> out) {
        for (String example : examples) {
            for (String text : example.split("\n")) {
                Set<String> terms = new LinkedHashSet<>(analyzer.tokens(text));
                if (!terms.isEmpty()) {
                    out.add(new IndexedLine(entry, counter, text, terms, 0, null));
                }
            }
        }
    }

    /** Builds the index of {@code entries} and writes it where {@link PrebuiltIndex#bundled()} looks: for the build. */
    public static void writePrebuilt(List<KnownError> entries, java.nio.file.Path file) {
        PrebuiltIndex.build(entries, file);
    }

    /** Whether this index was loaded from the one built at package time rather than built now. */
    boolean loadedPrebuilt() {
        return loadedPrebuilt;
    }

    /** This index as the package-time build stores it. */
    PrebuiltIndex toPrebuilt() {
        return new PrebuiltIndex(contentHash, directory, lines.stream().map(line -> new PrebuiltIndex.Line(line.entry(),
                line.counter(), line.text(), List.copyOf(line.terms()), line.selfScore())).toList());
    }

    /** The score a document gets when its own terms are the query: the most any line can reach. */
    private double selfScore(int ordinal, Set<String> terms) throws IOException {
        BooleanQuery.Builder query = termsQuery(terms);
        query.add(new TermQuery(new Term(ORDINAL, Integer.toString(ordinal))), BooleanClause.Occur.FILTER);
        TopDocs top = searcher.search(query.build(), 1);
        return top.scoreDocs.length == 0 ? 1.0 : top.scoreDocs[0].score;
    }

    @Override
    public List<KnownError> entries() {
        return entries;
    }

    @Override
    public List<Match> search(List<LogLine> failureLines, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        Map<String, List<LogLine>> byText = new LinkedHashMap<>();
        for (LogLine line : failureLines) {
            byText.computeIfAbsent(line.text(), text -> new ArrayList<>()).add(line);
        }
        Map<String, Double> idfCache = new HashMap<>();
        Map<Integer, List<Scored>> byEntry = new HashMap<>();
        try {
            for (Map.Entry<String, List<LogLine>> group : byText.entrySet()) {
                Set<Integer> phraseHits = new HashSet<>();
                Map<Integer, Double> scores = scoreLine(group.getKey(), idfCache, phraseHits);
                for (Map.Entry<Integer, Double> score : scores.entrySet()) {
                    if (score.getValue() >= MIN_SCORE) {
                        byEntry.computeIfAbsent(score.getKey(), e -> new ArrayList<>())
                                .add(new Scored(group.getValue(), score.getValue(), phraseHits.contains(score.getKey())));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("searching the in-memory knowledge index failed", e);
        }
        List<Match> matches = new ArrayList<>();
        for (Map.Entry<Integer, List<Scored>> entry : byEntry.entrySet()) {
            matches.add(match(entries.get(entry.getKey()), entry.getValue()));
        }
        matches.sort(Comparator.comparingDouble(Match::score).reversed()
                .thenComparing(m -> m.knownError().id()));
        return List.copyOf(matches.subList(0, Math.min(limit, matches.size())));
    }

    /** One failure line's score for an entry; {@code phrase} when one of the entry's phrases is in it. */
    private record Scored(List<LogLine> lines, double score, boolean phrase) {
    }

    private static Match match(KnownError entry, List<Scored> scored) {
        double best = scored.stream().mapToDouble(Scored::score).max().orElseThrow();
        // Phrase lines lead the evidence: they are what lets the match name its entry.
        List<LogLine> evidence = scored.stream()
                .filter(s -> s.phrase() || s.score() >= Math.max(MIN_SCORE, best * 0.8))
                .sorted(Comparator.comparing(Scored::phrase).thenComparingDouble(Scored::score).reversed())
                .flatMap(s -> s.lines().stream())
                .limit(MAX_EVIDENCE)
                .sorted(Comparator.comparingInt(LogLine::number))
                .toList();
        return new Match(entry, Math.min(1.0, best), evidence, scored.stream().anyMatch(Scored::phrase));
    }

    /**
     * Each entry's similarity to one line, after the counter-example check; entries whose phrase is in the
     * line go into {@code phraseHits}.
     */
    private Map<Integer, Double> scoreLine(String text, Map<String, Double> idfCache, Set<Integer> phraseHits)
            throws IOException {
        List<String> tokens = analyzer.tokens(text);
        Map<Integer, Double> result = new HashMap<>();
        if (tokens.isEmpty()) {
            return result;
        }
        Set<String> terms = new LinkedHashSet<>(tokens);
        for (String term : terms) {
            for (IndexedPhrase phrase : phrasesByFirstToken.getOrDefault(term, List.of())) {
                if (phraseMatcher.matches(phrase.tokens(), tokens, text)) {
                    result.put(phrase.entry(), 1.0);
                    phraseHits.add(phrase.entry());
                }
            }
        }
        double lineWeight = 0;
        for (String term : terms) {
            lineWeight += idf(term, idfCache);
        }
        Map<Integer, Double> bestExample = new HashMap<>();
        Map<Integer, Double> bestCounter = new HashMap<>();
        StoredFields stored = searcher.storedFields();
        for (ScoreDoc hit : searcher.search(termsQuery(terms).build(), HITS_PER_LINE).scoreDocs) {
            IndexedLine line = lines.get(stored.document(hit.doc).getField(ORDINAL).numericValue().intValue());
            double coverage = Math.min(1.0, hit.score / line.selfScore());
            double shared = 0;
            for (String term : terms) {
                if (line.terms().contains(term)) {
                    shared += idf(term, idfCache);
                }
            }
            double focus = lineWeight == 0 ? 0 : shared / lineWeight;
            double similarity = Math.pow(coverage, COVERAGE_WEIGHT) * Math.pow(focus, 1 - COVERAGE_WEIGHT);
            if (line.distinctive().stream().noneMatch(terms::contains)) {
                similarity *= MISSING_DISTINCTIVE_FACTOR;
            }
            if (line.terms().size() < MIN_TERMS_FOR_PARTIAL && focus < 1.0) {
                continue; // "1) Failure:" says too little to vouch for a longer line that merely contains it
            }
            (line.counter() ? bestCounter : bestExample).merge(line.entry(), similarity, Math::max);
        }
        for (Map.Entry<Integer, Double> example : bestExample.entrySet()) {
            double counter = bestCounter.getOrDefault(example.getKey(), 0.0);
            if (example.getValue() > counter) {
                result.merge(example.getKey(), example.getValue(), Math::max);
            }
        }
        return result;
    }

    private double idf(String term, Map<String, Double> cache) {
        return cache.computeIfAbsent(term, t -> {
            try {
                int docFreq = searcher.getIndexReader().docFreq(new Term(TEXT, t));
                int docCount = searcher.getIndexReader().numDocs();
                return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static BooleanQuery.Builder termsQuery(Set<String> terms) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        terms.stream().limit(MAX_TERMS_PER_QUERY)
                .forEach(term -> query.add(new TermQuery(new Term(TEXT, term)), BooleanClause.Occur.SHOULD));
        return query;
    }
}
