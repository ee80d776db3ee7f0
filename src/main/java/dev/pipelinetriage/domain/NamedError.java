package dev.pipelinetriage.domain;

import java.util.List;
import java.util.Objects;

/**
 * A known error as a report names it: the {@link Match} it came from, with its evidence redacted for showing.
 *
 * @param patternFired true when one of the entry's own indications matched a line where the job failed
 */
public record NamedError(KnownError knownError, double score, List<RedactedLine> evidence, boolean patternFired) {
    public NamedError {
        Objects.requireNonNull(knownError, "knownError");
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be in 0..1, got " + score);
        }
        evidence = List.copyOf(evidence);
    }
}
