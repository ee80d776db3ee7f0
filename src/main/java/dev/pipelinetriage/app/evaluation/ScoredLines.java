package dev.pipelinetriage.app.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Extraction scoring exactly as the corpus scorer ({@code score.py}) does it, so numbers printed by the bot's
 * own tooling can be checked against it: lines are compared after removing ANSI codes, control characters and
 * GitHub timestamps; a gold line is covered by an excerpt line that contains it, or that it contains when the
 * excerpt line is at least 80% as long; only the first N non-empty lines of both count.
 */
final class ScoredLines {

    private static final Pattern ANSI = Pattern.compile("\\x1b\\[[0-9;?]*[A-Za-z]|\\x1b[()][A-Za-z0-9]|\\x1b");
    private static final Pattern REMNANT = Pattern.compile("\\[[0-9;]*[mK]");
    private static final Pattern CTRL = Pattern.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f]");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "^(?:[^\\t]*\\t[^\\t]*\\t)?\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z\\s?", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|\\r|\\n");

    /** One case's extraction result: every counted gold line covered, and the share covered. */
    record LineScore(boolean hit, double recall, boolean any) {
    }

    private ScoredLines() {
    }

    static String normalize(String line) {
        String s = ANSI.matcher(line).replaceAll("");
        s = REMNANT.matcher(s).replaceAll("");
        s = CTRL.matcher(s).replaceAll("");
        s = SPACE.matcher(s).replaceAll(" ").strip();
        s = TIMESTAMP.matcher(s).replaceFirst("");
        return s.strip();
    }

    static boolean informative(String line) {
        return line.chars().filter(c -> c < 128 && Character.isLetterOrDigit(c)).count() >= 3;
    }

    static boolean covers(String excerptLine, String gold) {
        return excerptLine.contains(gold)
                || length(excerptLine) >= 0.8 * length(gold) && gold.contains(excerptLine);
    }

    /** Empty when none of the gold's first {@code n} lines says anything (the case is not scored). */
    static Optional<LineScore> score(List<String> gold, List<String> excerpt, int n) {
        List<String> goldLines = gold.stream().map(ScoredLines::normalize).filter(s -> !s.isEmpty()).toList();
        List<String> counted = goldLines.subList(0, Math.min(n, goldLines.size())).stream()
                .filter(ScoredLines::informative).toList();
        if (counted.isEmpty()) {
            return Optional.empty();
        }
        List<String> shown = firstLines(excerpt, n);
        int covered = 0;
        for (String g : counted) {
            if (shown.stream().anyMatch(e -> covers(e, g))) {
                covered++;
            }
        }
        return Optional.of(new LineScore(covered == counted.size(), (double) covered / counted.size(), covered > 0));
    }

    private static List<String> firstLines(List<String> excerpt, int n) {
        List<String> out = new ArrayList<>();
        for (String item : excerpt) {
            for (String part : LINE_BREAK.split(item, -1)) {
                String normalized = normalize(part);
                if (!normalized.isEmpty() && out.size() < n) {
                    out.add(normalized);
                }
            }
        }
        return out;
    }

    /** Python's len(): code points, not UTF-16 units. */
    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
