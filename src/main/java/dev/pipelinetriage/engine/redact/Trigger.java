package dev.pipelinetriage.engine.redact;

import java.util.List;

/**
 * Literal substrings of which one must occur in a line before a rule's regex is worth running; most log lines
 * contain none, so most lines never reach a regex. An anchoring trigger also says where a match can start, so
 * the regex is tried only there ({@code lookingAt}) instead of at every position of the line.
 *
 * <p>Case-insensitive literals are given in lower case and searched in the line's ASCII-lower-cased copy, which
 * has the same length and indices as the line.
 */
record Trigger(List<String> literals, boolean ignoreCase, boolean anchors) {

    Trigger {
        literals = List.copyOf(literals);
        if (literals.isEmpty() && anchors) {
            throw new IllegalArgumentException("an anchoring trigger needs at least one literal");
        }
        if (ignoreCase && literals.stream().anyMatch(l -> !l.equals(Ascii.toLowerCase(l)))) {
            throw new IllegalArgumentException("case-insensitive literals must be lower case: " + literals);
        }
    }

    /** A match starts exactly where one of the literals occurs. */
    static Trigger startsAt(String... literals) {
        return new Trigger(List.of(literals), false, true);
    }

    static Trigger startsAtIgnoreCase(String... literals) {
        return new Trigger(List.of(literals), true, true);
    }

    /** One of the literals occurs somewhere in the line, not necessarily where a match starts. */
    static Trigger anywhere(String... literals) {
        return new Trigger(List.of(literals), false, false);
    }

    static Trigger anywhereIgnoreCase(String... literals) {
        return new Trigger(List.of(literals), true, false);
    }

    /** No literal to wait for: the rule looks at every line, so it must be cheaper than a regex. */
    static Trigger always() {
        return new Trigger(List.of(), false, false);
    }

    boolean isAlways() {
        return literals.isEmpty();
    }

    /** Whether any literal occurs in the line: the cheap test most lines fail. */
    boolean occursIn(String line, String lowerLine) {
        if (isAlways()) {
            return true;
        }
        String haystack = ignoreCase ? lowerLine : line;
        for (String literal : literals) {
            if (haystack.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    /** Occurrences of the literals in one line, left to right. */
    Cursor cursor(String line, String lowerLine) {
        return new Cursor(ignoreCase ? lowerLine : line);
    }

    /**
     * Remembers each literal's next occurrence, so walking all occurrences costs one pass per literal rather than
     * a rescan per occurrence (which would be quadratic when one literal is frequent and another absent).
     */
    final class Cursor {
        private final String haystack;
        private final int[] next;

        private Cursor(String haystack) {
            this.haystack = haystack;
            this.next = new int[literals.size()];
            for (int i = 0; i < next.length; i++) {
                next[i] = haystack.indexOf(literals.get(i));
            }
        }

        /** The first index at or after {@code from} where a literal occurs, or -1. */
        int next(int from) {
            int best = -1;
            for (int i = 0; i < next.length; i++) {
                if (next[i] >= 0 && next[i] < from) {
                    next[i] = haystack.indexOf(literals.get(i), from);
                }
                if (next[i] >= 0 && (best < 0 || next[i] < best)) {
                    best = next[i];
                }
            }
            return best;
        }
    }
}
