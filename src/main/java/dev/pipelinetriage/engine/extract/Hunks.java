package dev.pipelinetriage.engine.extract;

import dev.pipelinetriage.domain.LogLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A run of log lines seen as a diff against the last green run sees it: the lines new since then, and of the
 * lines the green run printed too only those a diff's hunk would show -- a short stretch between new lines (a
 * build tool's boilerplate between an error and its summary) and a few lines leading into the first new one.
 * A long stretch of old lines (a tool's usage text, progress) is left out.
 */
final class Hunks {
    private final Baseline baseline;
    private final int context;
    private final int gap;

    /**
     * @param context old lines kept right before a new one
     * @param gap the longest stretch of old lines between two new ones that is kept whole
     */
    Hunks(Baseline baseline, int context, int gap) {
        this.baseline = Objects.requireNonNull(baseline, "baseline");
        this.context = context;
        this.gap = gap;
    }

    /** The lines a diff's hunks would show, in order; empty when none is new (all of them without a green run). */
    List<LogLine> of(List<LogLine> lines) {
        if (!baseline.isPresent()) {
            return lines;
        }
        List<LogLine> out = new ArrayList<>();
        List<LogLine> old = new ArrayList<>();
        boolean seenNew = false;
        for (LogLine l : lines) {
            if (baseline.contains(l.text())) {
                old.add(l);
                continue;
            }
            if (seenNew && old.size() <= gap) {
                out.addAll(old);
            } else {
                out.addAll(old.subList(Math.max(0, old.size() - context), old.size()));
            }
            old.clear();
            out.add(l);
            seenNew = true;
        }
        return out;
    }

    /**
     * A block from a few lines before its first new line on, whole (a stack trace's frames the green run printed
     * too still belong to it); the whole block when none of it is new or there is no green run.
     */
    List<LogLine> fromFirstNew(List<LogLine> block) {
        if (!baseline.isPresent()) {
            return block;
        }
        for (int i = 0; i < block.size(); i++) {
            if (!baseline.contains(block.get(i).text())) {
                return block.subList(Math.max(0, i - context), block.size());
            }
        }
        return block;
    }
}
