package dev.pipelinetriage.engine.match;

import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.LogLine;
import java.util.List;
import java.util.Objects;

/** Where a regex indication of a known error matched: the lines it covered (one, or a multi-line window). */
public record IndicationHit(KnownError knownError, Indication indication, List<LogLine> lines) {
    public IndicationHit {
        Objects.requireNonNull(knownError, "knownError");
        Objects.requireNonNull(indication, "indication");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a hit covers at least one line");
        }
    }

    /** The line that best shows the hit: the first of its lines. */
    public LogLine firstLine() {
        return lines.getFirst();
    }
}
