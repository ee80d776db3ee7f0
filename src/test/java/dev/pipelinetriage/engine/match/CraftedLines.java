package dev.pipelinetriage.engine.match;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Hostile 4 KB lines made from a regex's own parts: its literal pieces repeated, growing prefixes of the
 * pattern that never reach its end (near-misses), each piece followed by long runs of what {@code .*}, {@code \s*}
 * or {@code \w+} swallow, and case variants for {@code (?i)} patterns. A backtracking engine spends the most on
 * lines that keep almost matching; these are such lines.
 */
public final class CraftedLines {

    public static final int LENGTH = 4096;
    private static final int MAX_PIECES = 12;
    private static final int MAX_PREFIX = 8;
    private static final List<String> FILLERS = List.of("a", " ", "a ", "1", "a1-", ".", "/a", "\t");

    private CraftedLines() {
    }

    /** The crafted lines for {@code regex}, each exactly {@value #LENGTH} characters (multi-line ones hold '\n'). */
    public static List<String> forRegex(String regex) {
        List<String> pieces = pieces(regex);
        Set<String> lines = new LinkedHashSet<>();
        for (String filler : FILLERS) {
            lines.add(fill(filler));
        }
        for (String piece : pieces) {
            lines.add(fill(piece));
            lines.add(fill(piece + " "));
            for (String filler : FILLERS) {
                lines.add(cut(piece + fill(filler)));
                lines.add(cut(fill(filler).substring(0, LENGTH / 2) + piece + fill(filler)));
            }
        }
        var prefix = new StringBuilder();
        for (int i = 0; i < Math.min(pieces.size(), MAX_PREFIX); i++) {
            prefix.append(pieces.get(i));
            lines.add(fill(prefix.toString()));
            lines.add(fill(prefix + " "));
            lines.add(cut(prefix + fill("a")));
            lines.add(fill(String.join("\n", pieces.subList(0, i + 1))));
        }
        if (regex.startsWith("(?i)")) {
            for (String line : List.copyOf(lines)) {
                lines.add(line.toUpperCase(Locale.ROOT));
            }
        }
        return List.copyOf(lines);
    }

    /**
     * The pattern's literal pieces in order, with a sample character for each class ({@code \d} gives "1",
     * {@code \s} a space, {@code [...]} its first member), split wherever a quantifier, group or alternation sits.
     */
    static List<String> pieces(String regex) {
        String body = regex.startsWith("(?i)") ? regex.substring(4) : regex;
        List<String> pieces = new ArrayList<>();
        var run = new StringBuilder();
        int i = 0;
        while (i < body.length() && pieces.size() < MAX_PIECES) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char next = body.charAt(i + 1);
                if (next == 'Q') {
                    int end = body.indexOf("\\E", i + 2);
                    run.append(body, i + 2, end < 0 ? body.length() : end);
                    i = end < 0 ? body.length() : end + 2;
                    continue;
                }
                run.append(sample(next));
                i += 2;
            } else if (c == '[') {
                int end = classEnd(body, i);
                String members = body.substring(i + 1, Math.max(i + 1, end));
                run.append(members.startsWith("^") || members.isEmpty() ? 'x'
                        : members.charAt(0) == '\\' && members.length() > 1 ? sample(members.charAt(1)) : members.charAt(0));
                i = end + 1;
            } else if ("()|*+?{}^$".indexOf(c) >= 0) {
                if (c == '{') {
                    int close = body.indexOf('}', i);
                    i = close < 0 ? i + 1 : close + 1;
                } else if (c == '(' && body.startsWith("(?", i)) {
                    i = skipGroupPrefix(body, i);
                } else {
                    i++;
                }
                flush(run, pieces);
            } else if (c == '.') {
                run.append('x');
                i++;
            } else {
                run.append(c);
                i++;
            }
        }
        flush(run, pieces);
        return pieces;
    }

    private static int skipGroupPrefix(String body, int i) {
        int j = i + 2;
        if (j < body.length() && body.charAt(j) == '<' && j + 1 < body.length()
                && (body.charAt(j + 1) == '=' || body.charAt(j + 1) == '!')) {
            return j + 2;
        }
        while (j < body.length() && body.charAt(j) != ':' && body.charAt(j) != ')'
                && "=!>".indexOf(body.charAt(j)) < 0) {
            j++;
        }
        return Math.min(body.length(), j + 1);
    }

    private static int classEnd(String body, int open) {
        int i = open + 1;
        if (i < body.length() && body.charAt(i) == '^') {
            i++;
        }
        if (i < body.length() && body.charAt(i) == ']') {
            i++;
        }
        for (; i < body.length(); i++) {
            if (body.charAt(i) == '\\') {
                i++;
            } else if (body.charAt(i) == ']') {
                return i;
            }
        }
        return body.length() - 1;
    }

    private static char sample(char escaped) {
        return switch (escaped) {
            case 'd', 'w' -> '1';
            case 's' -> ' ';
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'S', 'D', 'W', 'b', 'B', 'p', 'P' -> 'x';
            default -> escaped;
        };
    }

    private static void flush(StringBuilder run, List<String> pieces) {
        if (!run.isEmpty()) {
            pieces.add(run.toString());
            run.setLength(0);
        }
    }

    private static String fill(String unit) {
        return cut(unit.repeat(LENGTH / unit.length() + 1));
    }

    private static String cut(String line) {
        return line.length() <= LENGTH ? line : line.substring(0, LENGTH);
    }
}
