package dev.pipelinetriage.engine.text;

import java.util.Optional;

/**
 * Finds a literal that every match of a regex must contain, by a deliberately conservative reading of the
 * pattern: top-level alternation, lookaround and anything not understood yield no literal (and the regex
 * then simply always runs). Wrong answers here would silently hide matches, so when in doubt, give up.
 */
public final class RequiredLiteral {

    private static final int MIN_LENGTH = 3;
    /** Flags switched on mid-pattern change how later literals compare; give up rather than guess. */
    private static final java.util.regex.Pattern INLINE_FLAGS = java.util.regex.Pattern.compile("\\(\\?[a-zA-Z-]");

    private RequiredLiteral() {
    }

    public static Optional<String> of(String regex) {
        // A leading (?i) only folds case, which the literal scan does too; any other flag is refused below. A
        // leading non-capturing group or lookaround is an ordinary group: the literals after it are still required.
        String body = regex.startsWith("(?i)") ? regex.substring(4) : regex;
        if (INLINE_FLAGS.matcher(body).find() || hasTopLevelAlternation(body)) {
            return Optional.empty();
        }
        String best = "";
        StringBuilder run = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '\\') {
                if (i + 1 >= body.length()) {
                    return Optional.empty();
                }
                char next = body.charAt(i + 1);
                if (next == 'Q' || Character.isLetterOrDigit(next)) {
                    // Classes (\d, \s, \b ...), back-references, \Q quoting: end the run.
                    best = longer(best, run);
                    run.setLength(0);
                    i = skipQuantifier(body, i + 2);
                    continue;
                }
                i += 2;
                if (isQuantifiedAt(body, i)) {
                    best = longer(best, run);
                    run.setLength(0);
                    i = skipQuantifier(body, i);
                    continue;
                }
                run.append(next);
                continue;
            }
            if (c == '(' || c == '[') {
                best = longer(best, run);
                run.setLength(0);
                int end = c == '(' ? closingParen(body, i) : closingBracket(body, i);
                if (end < 0) {
                    return Optional.empty();
                }
                i = skipQuantifier(body, end + 1);
                continue;
            }
            if (".^$|)]".indexOf(c) >= 0) {
                best = longer(best, run);
                run.setLength(0);
                i++;
                i = skipQuantifier(body, i);
                continue;
            }
            if ("*+?{".indexOf(c) >= 0) {
                return Optional.empty();
            }
            i++;
            if (isQuantifiedAt(body, i)) {
                // The quantified character may be absent or repeated: the run ends before it.
                best = longer(best, run);
                run.setLength(0);
                i = skipQuantifier(body, i);
                continue;
            }
            run.append(c);
        }
        best = longer(best, run);
        return best.length() >= MIN_LENGTH ? Optional.of(best) : Optional.empty();
    }

    private static String longer(String best, StringBuilder run) {
        return run.length() > best.length() ? run.toString() : best;
    }

    private static boolean isQuantifiedAt(String body, int i) {
        return i < body.length() && "*+?{".indexOf(body.charAt(i)) >= 0;
    }

    private static int skipQuantifier(String body, int i) {
        if (i >= body.length()) {
            return i;
        }
        char c = body.charAt(i);
        if (c == '{') {
            int close = body.indexOf('}', i);
            i = close < 0 ? body.length() : close + 1;
        } else if ("*+?".indexOf(c) >= 0) {
            i++;
        } else {
            return i;
        }
        if (i < body.length() && (body.charAt(i) == '?' || body.charAt(i) == '+')) {
            i++;
        }
        return i;
    }

    static boolean hasTopLevelAlternation(String body) {
        return atDepthZero(body, 0, '|') >= 0;
    }

    private static int closingParen(String body, int open) {
        return atDepthZero(body, open, ')');
    }

    /**
     * The index of the first {@code target} ('|' or ')') met outside character classes when the group depth,
     * counted from {@code from}, is zero; -1 when there is none.
     */
    private static int atDepthZero(String body, int from, char target) {
        int depth = 0;
        boolean inClass = false;
        for (int i = from; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                if (c == ']') {
                    inClass = false;
                }
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (target == ')' && depth == 0) {
                    return i;
                }
            } else if (c == '|' && target == '|' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int closingBracket(String body, int open) {
        int i = open + 1;
        if (i < body.length() && body.charAt(i) == '^') {
            i++;
        }
        if (i < body.length() && body.charAt(i) == ']') {
            i++;
        }
        for (; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                return -1; // nested class syntax: not worth understanding here
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }
}
