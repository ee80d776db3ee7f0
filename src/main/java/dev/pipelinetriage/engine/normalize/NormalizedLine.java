package dev.pipelinetriage.engine.normalize;

import dev.pipelinetriage.domain.LogLine;
import java.util.Objects;

/**
 * A log line after normalization, with its original line number, what kind of line it is and the step it
 * belongs to (null when the log shows no steps).
 */
public record NormalizedLine(LogLine line, LineKind kind, String step) {
    public NormalizedLine {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(kind, "kind");
    }

    public int number() {
        return line.number();
    }

    public String text() {
        return line.text();
    }
}
