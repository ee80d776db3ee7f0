package dev.pipelinetriage.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer for one failed job: what every front end renders. All text taken from the log in it is redacted:
 * its types are made only by the redactor.
 *
 * @param failedStep the step that failed, when the log shows steps (else null)
 * @param match the known error the failure is named as, or null when nothing in the knowledge base matched
 * @param excerpt the lines that explain the failure, in log order, with original line numbers
 * @param truncated true when the log was cut (at the source, by a size cap) before analysis
 * @param rerun advice from the matched entry, or derived from the verdict when nothing matched
 * @param reason one sentence that says why this verdict (for people, not machines)
 * @param signals when no known error is named, the generic signs seen where the job failed (e.g.
 *     {@code compile error}, {@code test failure}, {@code network}), strongest first; else empty
 * @param greenRun the last green run of the same job the log was compared with, and which excerpt lines are new
 *     since it; null when there was none to compare with
 */
public record TriageReport(
        Verdict verdict,
        double confidence,
        RedactedText failedStep,
        NamedError match,
        List<RedactedLine> excerpt,
        boolean truncated,
        RerunAdvice rerun,
        String reason,
        List<String> signals,
        GreenRunDiff greenRun) {

    public TriageReport {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(rerun, "rerun");
        Objects.requireNonNull(reason, "reason");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be in 0..1, got " + confidence);
        }
        excerpt = List.copyOf(excerpt);
        signals = List.copyOf(signals);
        if (greenRun != null) {
            var numbers = excerpt.stream().map(RedactedLine::number).collect(java.util.stream.Collectors.toSet());
            for (int line : greenRun.newLines()) {
                if (!numbers.contains(line)) {
                    throw new IllegalArgumentException("line " + line + " is marked new but is not in the excerpt");
                }
            }
        }
    }

    /** A report not compared with a green run. */
    public TriageReport(Verdict verdict, double confidence, RedactedText failedStep, NamedError match, List<RedactedLine> excerpt,
            boolean truncated, RerunAdvice rerun, String reason, List<String> signals) {
        this(verdict, confidence, failedStep, match, excerpt, truncated, rerun, reason, signals, null);
    }

    /** A report without generic signals (a known error explains it, or the log showed none). */
    public TriageReport(Verdict verdict, double confidence, RedactedText failedStep, NamedError match, List<RedactedLine> excerpt,
            boolean truncated, RerunAdvice rerun, String reason) {
        this(verdict, confidence, failedStep, match, excerpt, truncated, rerun, reason, List.of());
    }

    public Optional<NamedError> bestMatch() {
        return Optional.ofNullable(match);
    }

    public Optional<String> step() {
        return Optional.ofNullable(failedStep).map(RedactedText::value);
    }

    public Optional<GreenRunDiff> lastGreen() {
        return Optional.ofNullable(greenRun);
    }
}
