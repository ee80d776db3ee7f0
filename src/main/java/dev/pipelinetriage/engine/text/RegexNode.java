package dev.pipelinetriage.engine.text;

import java.util.List;

/** A parsed regular expression, as much of it as decides whether it matches: no captures, no laziness. */
sealed interface RegexNode {

    /** One code point from {@code set}. */
    record Chars(CharRanges set) implements RegexNode {
    }

    record Concat(List<RegexNode> parts) implements RegexNode {
        public Concat {
            parts = List.copyOf(parts);
        }
    }

    record Alternate(List<RegexNode> options) implements RegexNode {
        public Alternate {
            options = List.copyOf(options);
        }
    }

    /** {@code node} between {@code min} and {@code max} times; {@code max} is {@link #UNBOUNDED} for {@code *} and {@code +}. */
    record Repeat(RegexNode node, int min, int max) implements RegexNode {
        static final int UNBOUNDED = -1;
    }

    /** A condition on the position, reading nothing. */
    record Assertion(Kind kind) implements RegexNode {
        enum Kind {
            BEGIN_TEXT, END_TEXT, WORD_BOUNDARY, NOT_WORD_BOUNDARY
        }
    }

    /** Matches the empty string. */
    record Empty() implements RegexNode {
    }
}
