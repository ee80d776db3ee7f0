package dev.pipelinetriage.engine.redact;

import java.util.List;

/**
 * Literal substrings of which at least one must occur in a line before a rule's regex is worth running. Most log
 * lines contain none of them, so most lines never reach a regex.
 */
record Prefilter(List<String> literals, boolean ignoreCase) {

    Prefilter {
        literals = List.copyOf(literals);
        if (literals.isEmpty()) {
            throw new IllegalArgumentException("a prefilter needs at least one literal");
        }
    }

    static Prefilter anyOf(String... literals) {
        return new Prefilter(List.of(literals), false);
    }

    /** Case-insensitive; literals must be given in lower case. */
    static Prefilter anyOfIgnoreCase(String... literals) {
        return new Prefilter(List.of(literals), true);
    }

    boolean mayMatch(String line) {
        for (String literal : literals) {
            if (ignoreCase ? containsIgnoreCase(line, literal) : line.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    /** ASCII case-insensitive search without allocating a lower-cased copy of the line. */
    private static boolean containsIgnoreCase(String line, String lowerLiteral) {
        int last = line.length() - lowerLiteral.length();
        char first = lowerLiteral.charAt(0);
        char firstUpper = Character.toUpperCase(first);
        for (int i = 0; i <= last; i++) {
            char c = line.charAt(i);
            if ((c == first || c == firstUpper) && line.regionMatches(true, i, lowerLiteral, 0, lowerLiteral.length())) {
                return true;
            }
        }
        return false;
    }
}
