package dev.pipelinetriage.domain;

import java.util.Objects;

/**
 * How a known error shows in a log. The definition only: where it was found is a {@link Match}'s evidence.
 */
public sealed interface Indication permits Indication.LineRegex, Indication.MultiLineRegex, Indication.Phrase {

    /** A regular expression that must find a match within one normalized line. */
    record LineRegex(String pattern) implements Indication {
        public LineRegex {
            requireText(pattern, "pattern");
        }
    }

    /** A regular expression over a window of consecutive lines joined with '\n'. */
    record MultiLineRegex(String pattern, int maxLines) implements Indication {
        public MultiLineRegex {
            requireText(pattern, "pattern");
            if (maxLines < 2 || maxLines > 50) {
                throw new IllegalArgumentException("maxLines must be 2..50, got " + maxLines);
            }
        }
    }

    /** Words that must all appear in one line, in order (a Lucene phrase query over normalized text). */
    record Phrase(String text) implements Indication {
        public Phrase {
            requireText(text, "text");
        }
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
