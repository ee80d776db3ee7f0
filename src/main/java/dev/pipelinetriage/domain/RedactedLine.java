package dev.pipelinetriage.domain;

import java.util.Objects;

/**
 * A line of a job log as it may leave the process (a report, a card, a ticket, a stored signature, a log line):
 * its original 1-based number and its text with every recognized secret replaced by a marker. Only the redactor
 * makes one (an architecture test holds every other class of the application to that), so whatever is built from
 * these cannot have skipped redaction. Lines that never leave stay {@link LogLine}s and are never redacted.
 */
public record RedactedLine(int number, String text) {
    public RedactedLine {
        if (number < 1) {
            throw new IllegalArgumentException("line numbers are 1-based, got " + number);
        }
        Objects.requireNonNull(text, "text");
    }
}
