package dev.pipelinetriage.adapter.kb;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Static screening of knowledge-base regexes for the shapes that make a backtracking engine take
 * exponential or high-polynomial time: a repeated group whose body itself repeats ({@code (a+)+},
 * {@code (\w*\s?)*}, and bounded too: {@code (a{1,30}){1,30}}), a group holding {@code .*} or {@code .+} that
 * repeats even a fixed number of times ({@code (.*a){12}}), and backreferences, which no linear-time engine
 * supports. This is a cheap first line; the engine still
 * bounds the work per line at run time.
 */
final class RegexSafety {

    private RegexSafety() {
    }

    /** Why the pattern is unsafe, or empty when it passes. The pattern must already compile. */
    static Optional<String> check(String pattern) {
        Deque<Frame> groups = new ArrayDeque<>();
        groups.push(new Frame(0, false));
        int i = 0;
        int n = pattern.length();
        Frame closedGroup = null; // the group that ended just before the current position, if any
        while (i < n) {
            char c = pattern.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 < n && pattern.charAt(i + 1) == 'Q') {
                        int end = pattern.indexOf("\\E", i + 2);
                        i = end < 0 ? n : end + 2;
                    } else {
                        char escaped = i + 1 < n ? pattern.charAt(i + 1) : ' ';
                        if (Character.isDigit(escaped) && escaped != '0' || escaped == 'k') {
                            return Optional.of("uses a backreference (\\" + escaped
                                    + "); rewrite without it, backreferences defeat linear-time matching");
                        }
                        i += 2;
                        if ("pPxN".indexOf(escaped) >= 0 && i < n && pattern.charAt(i) == '{') {
                            int end = pattern.indexOf('}', i);
                            i = end < 0 ? n : end + 1;
                        }
                    }
                    closedGroup = null;
                }
                case '[' -> {
                    i = skipClass(pattern, i);
                    closedGroup = null;
                }
                case '(' -> {
                    boolean atomic = pattern.startsWith("(?>", i);
                    groups.push(new Frame(i, atomic));
                    i++;
                    closedGroup = null;
                }
                case ')' -> {
                    if (groups.size() > 1) {
                        closedGroup = groups.pop();
                        closedGroup.end = i;
                    }
                    i++;
                    // A group's inner repetition counts as repetition of its parent too.
                    if (closedGroup != null && closedGroup.repeats) {
                        groups.peek().repeats = true;
                    }
                    int afterQuantifier = quantifierEnd(pattern, i);
                    if (afterQuantifier > i) {
                        String quantifier = pattern.substring(i, afterQuantifier);
                        boolean possessive = quantifier.length() > 1 && quantifier.endsWith("+");
                        if (closedGroup != null && closedGroup.repeats && !closedGroup.atomic
                                && unbounded(quantifier) && !possessive) {
                            String group = pattern.substring(closedGroup.start, closedGroup.end + 1);
                            return Optional.of("nests a repeated quantifier inside the repeated group " + group
                                    + quantifier + " (catastrophic backtracking); make the inner part fixed-length,"
                                    + " drop one of the quantifiers, or use a possessive (++) or atomic (?>...) form");
                        }
                        if (closedGroup != null && !closedGroup.atomic && !possessive) {
                            String group = pattern.substring(closedGroup.start, closedGroup.end + 1);
                            if (closedGroup.wildcard && maxCount(quantifier) > 1) {
                                return Optional.of("repeats the group " + group + quantifier + ", which holds .* or .+"
                                        + " (each repetition can take any share of the line: polynomial backtracking);"
                                        + " match the repeated part with a fixed-length or negated class instead");
                            }
                            if (closedGroup.repeats && repeats(quantifier) && maxCount(quantifier) > 1) {
                                return Optional.of("nests repetition inside the repeated group " + group + quantifier
                                        + " (bounded, but the ways to split a line multiply); make the inner part"
                                        + " fixed-length or drop one of the quantifiers");
                            }
                        }
                        if (closedGroup != null && closedGroup.wildcard) {
                            groups.peek().wildcard = true;
                        }
                        if (repeats(quantifier)) {
                            groups.peek().repeats = true;
                        }
                        i = afterQuantifier;
                    } else if (closedGroup != null && closedGroup.wildcard) {
                        groups.peek().wildcard = true;
                    }
                    closedGroup = null;
                }
                case '*', '+', '?', '{' -> {
                    int afterQuantifier = quantifierEnd(pattern, i);
                    if (afterQuantifier > i) {
                        String quantifier = pattern.substring(i, afterQuantifier);
                        if (repeats(quantifier)) {
                            groups.peek().repeats = true;
                            if (i > 0 && pattern.charAt(i - 1) == '.' && !escaped(pattern, i - 1) && unbounded(quantifier)) {
                                groups.peek().wildcard = true;
                            }
                        }
                        i = afterQuantifier;
                    } else {
                        i++;
                    }
                    closedGroup = null;
                }
                default -> {
                    i++;
                    closedGroup = null;
                }
            }
        }
        return Optional.empty();
    }

    private static final class Frame {
        final int start;
        final boolean atomic;
        int end;
        boolean repeats;
        /** Holds an unbounded any-character run ({@code .*}, {@code .+}, {@code .{2,}}). */
        boolean wildcard;

        Frame(int start, boolean atomic) {
            this.start = start;
            this.atomic = atomic;
        }
    }

    /** Index just past a quantifier (with its lazy or possessive suffix) starting at {@code i}, or i. */
    private static int quantifierEnd(String p, int i) {
        if (i >= p.length()) {
            return i;
        }
        int end;
        char c = p.charAt(i);
        if (c == '*' || c == '+' || c == '?') {
            end = i + 1;
        } else if (c == '{') {
            int close = p.indexOf('}', i);
            if (close < 0 || !p.substring(i + 1, close).matches("\\d+(,\\d*)?")) {
                return i;
            }
            end = close + 1;
        } else {
            return i;
        }
        if (end < p.length() && (p.charAt(end) == '?' || p.charAt(end) == '+')) {
            end++;
        }
        return end;
    }

    /** True for quantifiers that can match a variable, possibly large, number of times. */
    private static boolean repeats(String quantifier) {
        if (quantifier.endsWith("+") && quantifier.length() > 1) {
            return false; // possessive: never gives back, so never backtracks
        }
        char c = quantifier.charAt(0);
        if (c == '*' || c == '+') {
            return true;
        }
        if (c == '{') {
            String body = quantifier.substring(1, quantifier.indexOf('}'));
            int comma = body.indexOf(',');
            return comma >= 0 && (comma == body.length() - 1
                    || Integer.parseInt(body.substring(comma + 1)) > Integer.parseInt(body.substring(0, comma)));
        }
        return false;
    }

    /** The most repetitions a quantifier allows; {@code Integer.MAX_VALUE} when unbounded. */
    private static int maxCount(String quantifier) {
        char c = quantifier.charAt(0);
        if (c == '*' || c == '+') {
            return Integer.MAX_VALUE;
        }
        if (c == '?') {
            return 1;
        }
        String body = quantifier.substring(1, quantifier.indexOf('}'));
        int comma = body.indexOf(',');
        if (comma < 0) {
            return Integer.parseInt(body);
        }
        return comma == body.length() - 1 ? Integer.MAX_VALUE : Integer.parseInt(body.substring(comma + 1));
    }

    /** Whether the character at {@code i} is escaped by an odd number of backslashes before it. */
    private static boolean escaped(String p, int i) {
        int backslashes = 0;
        for (int j = i - 1; j >= 0 && p.charAt(j) == '\\'; j--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /** True for quantifiers without an upper bound. */
    private static boolean unbounded(String quantifier) {
        char c = quantifier.charAt(0);
        return c == '*' || c == '+' || c == '{' && quantifier.matches("\\{\\d+,}.*");
    }

    /** Index just past a character class starting at {@code start} (which holds '['). */
    private static int skipClass(String p, int start) {
        int i = start + 1;
        if (i < p.length() && p.charAt(i) == '^') {
            i++;
        }
        if (i < p.length() && p.charAt(i) == ']') {
            i++; // a ']' first in a class is literal
        }
        int depth = 1;
        while (i < p.length() && depth > 0) {
            char c = p.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            i++;
        }
        return i;
    }
}
