package dev.pipelinetriage.engine.match;

import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.LogLine;
import java.util.List;
import java.util.Objects;

/** All regex hits of one known error in one log: how many, and the first few lines as evidence. */
public record RegexEvidence(KnownError knownError, int hits, List<LogLine> lines) {
    public RegexEvidence {
        Objects.requireNonNull(knownError, "knownError");
        lines = List.copyOf(lines);
    }
}
