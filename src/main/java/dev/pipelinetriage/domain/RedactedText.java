package dev.pipelinetriage.domain;

import java.util.Objects;

/**
 * Text taken from a job log that is not one of its lines, such as the failed step's name, redacted as a
 * {@link RedactedLine} is and, like it, made only by the redactor.
 */
public record RedactedText(String value) {
    public RedactedText {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
