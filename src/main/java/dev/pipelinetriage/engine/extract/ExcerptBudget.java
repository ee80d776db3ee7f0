package dev.pipelinetriage.engine.extract;

import dev.pipelinetriage.domain.LogLine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/** The excerpt being built: at most maxLines lines, no line twice, no repeated text. */
final class ExcerptBudget {
    private final int maxLines;
    private final Hunks hunks;
    private final TreeMap<Integer, LogLine> chosen = new TreeMap<>();
    private final Set<String> texts = new HashSet<>();
    private final List<LogLine> deferred = new ArrayList<>();

    /**
     * @param hunks with a green run to compare with, the lines it printed too are left out (they did not make
     *     this run fail) except where a diff's hunk would show them
     */
    ExcerptBudget(int maxLines, Hunks hunks) {
        this.maxLines = maxLines;
        this.hunks = hunks;
    }

    int size() {
        return chosen.size();
    }

    /** Adds lines in order until the excerpt holds {@code upTo} lines, as the diff against the green run shows them. */
    void addAll(List<LogLine> lines, int upTo) {
        add(hunks.of(lines), upTo);
    }

    /**
     * Adds the best block's lines in order until the excerpt holds {@code upTo} lines: the block stays whole
     * from where its new lines start.
     */
    void addHunk(List<LogLine> lines, int upTo) {
        add(hunks.fromFirstNew(lines), upTo);
    }

    /** Adds the lines that carry a hunk on (already chosen as a diff's hunk would), as they are. */
    void addFollowing(List<LogLine> lines, int upTo) {
        add(lines, upTo);
    }

    private void add(List<LogLine> lines, int upTo) {
        int limit = Math.min(upTo, maxLines);
        for (LogLine l : lines) {
            if (chosen.size() >= limit) {
                return;
            }
            if (chosen.containsKey(l.number()) || !ErrorRules.worthShowing(l.text())) {
                continue;
            }
            if (ErrorRules.isBoilerplate(l.text()) || ErrorRules.isBanner(l.text())) {
                deferred.add(l);
                continue;
            }
            if (texts.add(ErrorRules.repeatKey(l.text()))) {
                chosen.put(l.number(), l);
            }
        }
    }

    /** Shows the line only if room is left once everything that explains the failure is in. */
    void defer(LogLine line) {
        if (!chosen.containsKey(line.number())) {
            deferred.add(line);
        }
    }

    /** The excerpt in log order; lines that only point to help fill what room is left. */
    List<LogLine> lines() {
        for (LogLine l : deferred) {
            if (chosen.size() >= maxLines) {
                break;
            }
            if (texts.add(ErrorRules.repeatKey(l.text()))) {
                chosen.put(l.number(), l);
            }
        }
        deferred.clear();
        return List.copyOf(chosen.values());
    }
}
