package dev.pipelinetriage.domain;

import java.util.Objects;

/** One line of a job log: its original 1-based line number and its (normalized) text. */
public record LogLine(int number, String text) {
    public LogLine {
        if (number < 1) {
            throw new IllegalArgumentException("line numbers are 1-based, got " + number);
        }
        Objects.requireNonNull(text, "text");
    }

    public LogLine withText(String newText) {
        return new LogLine(number, newText);
    }
}
