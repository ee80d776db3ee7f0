package dev.pipelinetriage.app;

import dev.pipelinetriage.domain.NamedError;
import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.domain.TriageReport;
import java.util.List;
import java.util.Objects;

/**
 * A triage report with the evidence behind it, for judging the knowledge base rather than one job.
 *
 * @param candidates every known error with a score for this log, best first (the report's match among them)
 * @param regexHits ids of the entries whose regex indications matched anywhere in the log
 * @param keyLines the extractor's strongest error lines, strongest first
 */
public record TriageDetail(TriageReport report, List<NamedError> candidates, List<String> regexHits,
                           List<RedactedLine> keyLines) {
    public TriageDetail {
        Objects.requireNonNull(report, "report");
        candidates = List.copyOf(candidates);
        regexHits = List.copyOf(regexHits);
        keyLines = List.copyOf(keyLines);
    }
}
