package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.KnowledgeIndex;
import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.Match;
import dev.pipelinetriage.domain.RerunAdvice;
import dev.pipelinetriage.domain.TriageReport;
import dev.pipelinetriage.domain.Verdict;
import dev.pipelinetriage.engine.classify.Classification;
import dev.pipelinetriage.engine.classify.Classifier;
import dev.pipelinetriage.engine.extract.Extraction;
import dev.pipelinetriage.engine.extract.FailureExtractor;
import dev.pipelinetriage.engine.match.HitCollector;
import dev.pipelinetriage.engine.match.IndicationMatcher;
import dev.pipelinetriage.engine.normalize.LineKind;
import dev.pipelinetriage.engine.normalize.LogNormalizer;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Triage of one job log, end to end: normalize while streaming, scan the knowledge base's regexes and
 * extract the failure in the same pass, search the index with the extracted lines, classify, redact.
 * Thread-safe: every call has its own per-log state.
 */
public final class TriageService {

    private static final int SEARCH_LINES = 40;
    private static final int SEARCH_RESULTS = 5;

    private final LogNormalizer normalizer;
    private final IndicationMatcher indications;
    private final KnowledgeIndex index;
    private final Classifier classifier;
    private final LineRedaction redaction;

    public TriageService(LogNormalizer normalizer, IndicationMatcher indications, KnowledgeIndex index,
            Classifier classifier, LineRedaction redaction) {
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        this.indications = Objects.requireNonNull(indications, "indications");
        this.index = Objects.requireNonNull(index, "index");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.redaction = Objects.requireNonNull(redaction, "redaction");
    }

    /**
     * Analyzes a whole log. The stream is read to its end and not closed.
     *
     * @param maxLines the excerpt budget in lines
     * @param truncatedAtSource true when the log was already cut before it reached us (a size cap)
     */
    public TriageReport analyze(InputStream log, int maxLines, boolean truncatedAtSource) {
        var extractor = new FailureExtractor(maxLines).newSession();
        var hits = new HitCollector();
        var scan = indications.newScan(hits);
        var lineCut = new boolean[1];
        normalizer.normalize(log, line -> {
            if (line.kind() != LineKind.NOISE) {
                scan.accept(line.line());
            }
            if (line.text().endsWith(" more characters]")) {
                lineCut[0] = true;
            }
            extractor.accept(line);
        });
        scan.finish();
        Extraction extraction = extractor.finish();

        List<Match> similar = index.search(searchLines(extraction), SEARCH_RESULTS);
        Classification c = classifier.classify(extraction, hits.evidence(), similar);

        Match match = c.match() == null ? null
                : new Match(c.match().knownError(), c.match().score(), redaction.redact(c.match().evidence()));
        RerunAdvice rerun = match != null ? match.knownError().rerun() : adviceFor(c.verdict());
        return new TriageReport(c.verdict(), c.confidence(), extraction.failedStep(), match,
                redaction.redact(extraction.excerpt()), truncatedAtSource, rerun, c.reason());
    }

    private static List<LogLine> searchLines(Extraction extraction) {
        var lines = new LinkedHashSet<LogLine>();
        extraction.keyLines().stream().limit(SEARCH_LINES).forEach(lines::add);
        extraction.excerpt().forEach(lines::add);
        return new ArrayList<>(lines);
    }

    /** Without a known error, the verdict alone decides whether a rerun is worth a try. */
    private static RerunAdvice adviceFor(Verdict verdict) {
        return switch (verdict) {
            case PLATFORM, FLAKY -> RerunAdvice.SAFE;
            case CODE -> RerunAdvice.NEVER;
            case UNKNOWN -> RerunAdvice.UNSAFE;
        };
    }
}
