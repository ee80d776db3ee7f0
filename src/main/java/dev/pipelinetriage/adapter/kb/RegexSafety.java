package dev.pipelinetriage.adapter.kb;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Static screening of knowledge-base regexes for shapes that cost too much. The engine runs every pattern in linear
 * time ({@code LinePattern}), but its constant grows with the automaton's width: a bounded repetition wider than
 * {@value #MAX_REPETITION} ({@code .{1,400}}) makes every character cost up to that many steps, so it is refused and
 * {@code *} or {@code +} asked for instead (the linear engine needs no bound). The shapes that make a backtracking
 * engine take exponential or high-polynomial time are refused too, because the knowledge base is also read by
 * backtracking tools ({@code rg -P} in {@code bench}, a developer's {@code grep -P}): a repeated group whose body itself
 * repeats ({@code (a+)+}, {@code (\w*\s?)*}, and bounded too: {@code (a{1,30}){1,30}}), a repeated group whose
 * alternatives can match the same text ({@code (a|aa)+}, {@code (error|error)+}), a group holding {@code .*} or
 * {@code .+} that repeats even a fixed number of times ({@code (.*a){12}}), and backreferences.
 */
final class RegexSafety {

    /** The widest bounded repetition allowed: {@code x{0,100}}, nested ones multiplied. */
    static final int MAX_REPETITION = 100;

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
                                    + quantifier + " (catastrophic backtracking in grep -P and rg -P); make the inner part fixed-length"
                                    + " or drop one of the quantifiers");
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
                        if (closedGroup != null) {
                            Optional<String> tooWide = width(closedGroup.width, quantifier, groups.peek(),
                                    pattern.substring(closedGroup.start, closedGroup.end + 1) + quantifier);
                            if (tooWide.isPresent()) {
                                return tooWide;
                            }
                            if (unbounded(quantifier) && overlappingAlternatives(
                                    pattern.substring(closedGroup.start, closedGroup.end + 1))) {
                                return Optional.of("repeats the group " + pattern.substring(closedGroup.start,
                                        closedGroup.end + 1) + quantifier + ", whose alternatives can match the same"
                                        + " text, so a line can be split among them in exponentially many ways"
                                        + " (catastrophic backtracking in grep -P and rg -P); make the alternatives"
                                        + " distinct, or repeat just one");
                            }
                        }
                        if (closedGroup != null && closedGroup.wildcard) {
                            groups.peek().wildcard = true;
                        }
                        if (repeats(quantifier)) {
                            groups.peek().repeats = true;
                        }
                        i = afterQuantifier;
                    } else if (closedGroup != null) {
                        groups.peek().width = Math.max(groups.peek().width, closedGroup.width);
                        groups.peek().wildcard |= closedGroup.wildcard;
                    }
                    closedGroup = null;
                }
                case '*', '+', '?', '{' -> {
                    int afterQuantifier = quantifierEnd(pattern, i);
                    if (afterQuantifier > i) {
                        String quantifier = pattern.substring(i, afterQuantifier);
                        Optional<String> tooWide = width(1, quantifier, groups.peek(),
                                pattern.substring(atomStart(pattern, i), afterQuantifier));
                        if (tooWide.isPresent()) {
                            return tooWide;
                        }
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

    /**
     * Records in {@code parent} how wide a bounded repetition makes the automaton ({@code inner} times the quantifier's
     * most), and says why when that is wider than {@link #MAX_REPETITION}.
     */
    private static Optional<String> width(int inner, String quantifier, Frame parent, String shown) {
        int most = maxCount(quantifier);
        if (most == Integer.MAX_VALUE) {
            parent.width = Math.max(parent.width, inner);
            return Optional.empty();
        }
        long width = (long) inner * most;
        if (width > MAX_REPETITION) {
            return Optional.of("repeats " + shown + " up to " + width + " times: the linear-time engine then follows"
                    + " up to " + width + " paths at every character; write * or + instead (the engine needs no"
                    + " bound to stay linear) or a bound of at most " + MAX_REPETITION);
        }
        parent.width = (int) Math.max(parent.width, width);
        return Optional.empty();
    }

    /** Where the atom a quantifier at {@code quantifier} applies to starts: an escape, a class or one character. */
    private static int atomStart(String p, int quantifier) {
        int i = quantifier - 1;
        if (i > 0 && p.charAt(i) == ']') {
            int open = p.lastIndexOf('[', i);
            return open < 0 ? i : open;
        }
        return i > 0 && p.charAt(i - 1) == '\\' ? i - 1 : Math.max(0, i);
    }

    /**
     * True when the group's alternatives are plain text and one of them is a prefix of another (or the same), so a
     * repetition of the group can split a run of text among them in many ways.
     */
    static boolean overlappingAlternatives(String group) {
        String body = group.substring(1, group.length() - 1);
        if (body.startsWith("?:")) {
            body = body.substring(2);
        }
        if (body.indexOf('|') < 0 || body.chars().anyMatch(c -> "()[]\\.*+?{}^$".indexOf(c) >= 0)) {
            return false;
        }
        String[] alternatives = body.split("\\|", -1);
        for (int a = 0; a < alternatives.length; a++) {
            for (int b = 0; b < alternatives.length; b++) {
                if (a != b && alternatives[b].startsWith(alternatives[a])) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final class Frame {
        final int start;
        final boolean atomic;
        int end;
        /** The widest bounded repetition inside the group, nested ones multiplied; 1 when there is none. */
        int width = 1;
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
