package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.KnowledgeIndex;
import dev.pipelinetriage.domain.GreenRunDiff;
import dev.pipelinetriage.domain.JobLog;
import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.Match;
import dev.pipelinetriage.domain.NamedError;
import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.domain.RedactedText;
import dev.pipelinetriage.domain.RerunAdvice;
import dev.pipelinetriage.domain.TriageReport;
import dev.pipelinetriage.domain.Verdict;
import dev.pipelinetriage.engine.classify.Classification;
import dev.pipelinetriage.engine.classify.Classifier;
import dev.pipelinetriage.engine.extract.Baseline;
import dev.pipelinetriage.engine.extract.Extraction;
import dev.pipelinetriage.engine.extract.FailureExtractor;
import dev.pipelinetriage.engine.extract.Tuning;
import dev.pipelinetriage.engine.match.HitCollector;
import dev.pipelinetriage.engine.match.IndicationMatcher;
import dev.pipelinetriage.engine.match.RegexEvidence;
import dev.pipelinetriage.engine.normalize.BeforeCut;
import dev.pipelinetriage.engine.normalize.LineKind;
import dev.pipelinetriage.engine.normalize.LogNormalizer;
import dev.pipelinetriage.engine.normalize.NormalizedLine;
import dev.pipelinetriage.engine.redact.Redactor;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Triage of one job log, end to end, in one streaming pass: normalize, scan the knowledge base's regexes and
 * extract the failure; then search the index with the extracted lines and classify. Every line that leaves (in
 * the report and its detail) is redacted at the end, as the whole log left it; a line about to be cut is redacted
 * whole before the cut. Thread-safe: every call has its own per-log state.
 */
public final class TriageService {

    private static final int SEARCH_LINES = 40;
    private static final int SEARCH_RESULTS = 5;

    private final LogNormalizer normalizer;
    private final IndicationMatcher indications;
    private final KnowledgeIndex index;
    private final Classifier classifier;
    private final Redactor redactor;
    private final Tuning tuning;

    public TriageService(LogNormalizer normalizer, IndicationMatcher indications, KnowledgeIndex index,
            Classifier classifier, Redactor redactor) {
        this(normalizer, indications, index, classifier, redactor, Tuning.DEFAULT);
    }

    public TriageService(LogNormalizer normalizer, IndicationMatcher indications, KnowledgeIndex index,
            Classifier classifier, Redactor redactor, Tuning tuning) {
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        this.indications = Objects.requireNonNull(indications, "indications");
        this.index = Objects.requireNonNull(index, "index");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.tuning = Objects.requireNonNull(tuning, "tuning");
    }

    /** The same triage with other extractor weights (cross-validation chooses among them). */
    public TriageService withTuning(Tuning other) {
        return new TriageService(normalizer, indications, index, new Classifier(other.heldOut()), redactor, other);
    }

    /**
     * The lines of the last green run of the same job, read through the same normalization, to compare a
     * failed run with. Nothing of it leaves the process (only fingerprints are kept), so it is not redacted.
     * The stream is read to its end and not closed.
     */
    public Baseline baseline(InputStream greenLog) {
        return baseline((redact, sink) -> normalizer.normalize(greenLog, redact, sink));
    }

    private static Baseline baseline(LineSource green) {
        var builder = Baseline.builder();
        green.read(BeforeCut.NONE, builder::accept);
        return builder.build();
    }

    /**
     * Analyzes a whole log. The stream is read to its end and not closed.
     *
     * @param maxLines the excerpt budget in lines
     * @param truncatedAtSource true when the log was already cut before it reached us (a size cap)
     */
    public TriageReport analyze(InputStream log, int maxLines, boolean truncatedAtSource) {
        return analyze((redact, sink) -> normalizer.normalize(log, redact, sink), maxLines, truncatedAtSource);
    }

    /** Analyzes a fetched job log, keeping its original line numbers across a capped log's gap. */
    public TriageReport analyze(JobLog log, int maxLines) {
        return analyze((redact, sink) -> normalizer.normalize(log.lines(), redact, sink), maxLines, log.truncated());
    }

    /**
     * Analyzes a fetched job log against its last green run: lines that run printed too are left out of the
     * excerpt where new ones explain the failure, and the report links the run and says which lines are new.
     */
    public TriageReport analyze(JobLog log, int maxLines, GreenLog green) {
        Baseline baseline = baseline((redact, sink) -> normalizer.normalize(green.log().lines(), redact, sink));
        return detail((redact, sink) -> normalizer.normalize(log.lines(), redact, sink), maxLines, log.truncated(),
                baseline, green.webUrl()).report();
    }

    /**
     * Analyzes a whole log and keeps what the knowledge-base report needs besides the report: every scored
     * candidate, the entries whose regexes hit anywhere, and the key failure lines.
     */
    public TriageDetail analyzeInDetail(InputStream log, int maxLines) {
        return analyzeInDetail(log, maxLines, Baseline.none());
    }

    /** {@link #analyzeInDetail(InputStream, int)}, preferring lines new since the last green run. */
    public TriageDetail analyzeInDetail(InputStream log, int maxLines, Baseline baseline) {
        return detail((redact, sink) -> normalizer.normalize(log, redact, sink), maxLines, false, baseline, null);
    }

    private TriageReport analyze(LineSource source, int maxLines, boolean truncatedAtSource) {
        return detail(source, maxLines, truncatedAtSource, Baseline.none(), null).report();
    }

    /** Normalized lines of one log, each shown whole to {@code beforeCut} before an over-long one is cut. */
    @FunctionalInterface
    private interface LineSource {
        void read(BeforeCut beforeCut, Consumer<NormalizedLine> sink);
    }

    /** @param greenRunUrl the page of the green run {@code baseline} was read from, or null when it is not to be linked */
    private TriageDetail detail(LineSource source, int maxLines, boolean truncatedAtSource, Baseline baseline,
            String greenRunUrl) {
        var extractor = new FailureExtractor(maxLines, tuning).newSession(baseline);
        var hits = new HitCollector();
        var scan = indications.newScan(hits);
        // What spans lines (a private key, an ::add-mask:: value) is read from every line, noise too; only the lines
        // that leave the process are redacted, once the log has been read.
        var redaction = redactor.newStream();
        source.read(redaction::observe, line -> {
            if (line.kind() != LineKind.NOISE) {
                scan.accept(line.line());
            }
            extractor.accept(line);
        });
        scan.finish();
        Extraction extraction = extractor.finish();

        List<Match> similar = index.search(searchLines(extraction), SEARCH_RESULTS);
        List<RegexEvidence> evidence = hits.evidence();
        Classification c = classifier.classify(extraction, evidence, similar);

        RerunAdvice rerun = c.match() != null ? c.match().knownError().rerun() : adviceFor(c.verdict());
        // ::add-mask:: values hide lines read before the command too, once the whole log has been read.
        RedactedText step = extraction.failedStep() == null ? null : redaction.redactText(extraction.failedStep());
        NamedError match = c.match() == null ? null : redacted(redaction, c.match());
        TriageReport report = new TriageReport(c.verdict(), c.confidence(), step, match,
                redacted(redaction, extraction.excerpt()), truncatedAtSource, rerun, c.reason(), c.signals(),
                greenRunUrl == null || !baseline.isPresent() ? null : diff(extraction, baseline, greenRunUrl));
        return new TriageDetail(report,
                classifier.combine(extraction, evidence, similar).stream().map(m -> redacted(redaction, m)).toList(),
                evidence.stream().map(e -> e.knownError().id()).toList(), redacted(redaction, extraction.keyLines()));
    }

    /** The excerpt's lines the green run did not print, judged on the text the extractor judged them on. */
    private static GreenRunDiff diff(Extraction extraction, Baseline baseline, String greenRunUrl) {
        return new GreenRunDiff(greenRunUrl, extraction.excerpt().stream().filter(l -> !baseline.contains(l.text()))
                .map(LogLine::number).collect(Collectors.toCollection(TreeSet::new)));
    }

    private static NamedError redacted(Redactor.RedactionStream redaction, Match match) {
        return new NamedError(match.knownError(), match.score(), redacted(redaction, match.evidence()),
                match.patternFired());
    }

    private static List<RedactedLine> redacted(Redactor.RedactionStream redaction, List<LogLine> lines) {
        return lines.stream().map(redaction::redactKept).toList();
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
