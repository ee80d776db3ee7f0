package dev.pipelinetriage.engine.text;

import java.util.Optional;

/**
 * What the first character after a line's leading whitespace must be for a pattern anchored at the start, read from
 * patterns shaped {@code ^\s{m,n}\d...} or {@code ^ *E...}: a test of one or two characters that spares the engine
 * most lines. Patterns without a literal are tried on every line, so this check is what they cost instead; anything
 * not understood yields no check (the pattern then always runs), because a wrong answer would hide matches.
 *
 * @param spaceOnly the leading run is of {@code ' '} only (else any of {@code \s}: space, tab, line breaks, form feed)
 * @param minRun the fewest whitespace characters before the character
 * @param maxRun the most, {@code Integer.MAX_VALUE} when unbounded
 * @param digit the character is a digit ({@code \d}); else it is {@code literal}
 */
record LeadingCharacter(boolean spaceOnly, int minRun, int maxRun, boolean digit, char literal) {

    private static final String META = "\\^$.|?*+()[]{}";

    /** The check for {@code regex}, if it has the shape this class understands. */
    static Optional<LeadingCharacter> of(String regex) {
        if (!regex.startsWith("^") || RequiredLiteral.hasTopLevelAlternation(regex)) {
            return Optional.empty();
        }
        int i = 1;
        boolean spaceOnly = false;
        int min = 0;
        int max = 0;
        if (regex.startsWith("\\s", i) || regex.startsWith(" ", i)) {
            spaceOnly = regex.charAt(i) == ' ';
            i += spaceOnly ? 1 : 2;
            int[] bounds = quantifier(regex, i);
            if (bounds == null) {
                min = 1;
                max = 1;
            } else {
                min = bounds[0];
                max = bounds[1];
                i = bounds[2];
            }
        }
        if (i >= regex.length()) {
            return Optional.empty();
        }
        boolean digit;
        char literal;
        int next;
        if (regex.startsWith("\\d", i)) {
            digit = true;
            literal = '0';
            next = i + 2;
        } else if (META.indexOf(regex.charAt(i)) < 0 && !Character.isWhitespace(regex.charAt(i))
                && !Character.isSurrogate(regex.charAt(i))) {
            digit = false;
            literal = regex.charAt(i);
            next = i + 1;
        } else {
            return Optional.empty();
        }
        // The character must be there: not followed by a quantifier that allows none, nor by an alternative.
        if (next < regex.length() && "?*{|".indexOf(regex.charAt(next)) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new LeadingCharacter(spaceOnly, min, max, digit, literal));
    }

    /** False only when no match can start at the beginning of {@code line}. */
    boolean admits(CharSequence line) {
        int k = 0;
        int n = line.length();
        while (k < n && isRunCharacter(line.charAt(k))) {
            k++;
        }
        if (k < minRun || k > maxRun || k >= n) {
            return false;
        }
        char c = line.charAt(k);
        return digit ? c >= '0' && c <= '9' : c == literal;
    }

    private boolean isRunCharacter(char c) {
        return spaceOnly ? c == ' ' : c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** {min, max, index after} for {@code *}, {@code +}, {@code ?}, {@code {m}}, {@code {m,}}, {@code {m,n}}; else null. */
    private static int[] quantifier(String regex, int i) {
        if (i >= regex.length()) {
            return null;
        }
        int[] bounds = switch (regex.charAt(i)) {
            case '*' -> new int[] {0, Integer.MAX_VALUE, i + 1};
            case '+' -> new int[] {1, Integer.MAX_VALUE, i + 1};
            case '?' -> new int[] {0, 1, i + 1};
            case '{' -> braces(regex, i);
            default -> null;
        };
        if (bounds != null && bounds[2] < regex.length() && "?+".indexOf(regex.charAt(bounds[2])) >= 0) {
            return null; // lazy or possessive: leave it to the engine
        }
        return bounds;
    }

    /**
     * {min, max, index after} for {@code {m}}, {@code {m,}} (max {@code Integer.MAX_VALUE}) or {@code {m,n}} at
     * {@code open}; else null.
     */
    static int[] braces(String regex, int open) {
        int close = regex.indexOf('}', open);
        if (close < 0) {
            return null;
        }
        String body = regex.substring(open + 1, close);
        if (!body.matches("\\d{1,4}(?:,\\d{0,4})?")) {
            return null;
        }
        int comma = body.indexOf(',');
        int min = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
        int max = comma < 0 ? min : comma == body.length() - 1 ? Integer.MAX_VALUE
                : Integer.parseInt(body.substring(comma + 1));
        return new int[] {min, max, close + 1};
    }
}
