package dev.pipelinetriage.domain;

import java.util.List;
import java.util.Objects;

/**
 * Evidence that a log shows a known error: the entry, a score in 0..1 and the lines that matched.
 *
 * @param patternFired true when one of the entry's own indications (a regex or a phrase) matched a line
 *     where the job failed; false when the match rests on resemblance to the entry's examples alone, which
 *     may rank candidates but never names one
 */
public record Match(KnownError knownError, double score, List<LogLine> evidence, boolean patternFired) {
    public Match {
        Objects.requireNonNull(knownError, "knownError");
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be in 0..1, got " + score);
        }
        evidence = List.copyOf(evidence);
    }

    /** The same match with another score. */
    public Match withScore(double newScore) {
        return new Match(knownError, newScore, evidence, patternFired);
    }
}
