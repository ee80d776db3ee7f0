package dev.pipelinetriage.domain;

import java.util.List;
import java.util.Objects;

/** Evidence that a log shows a known error: the entry, a score in 0..1 and the lines that matched. */
public record Match(KnownError knownError, double score, List<LogLine> evidence) {
    public Match {
        Objects.requireNonNull(knownError, "knownError");
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be in 0..1, got " + score);
        }
        evidence = List.copyOf(evidence);
    }
}
