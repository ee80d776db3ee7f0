package dev.pipelinetriage.engine.extract;

import dev.pipelinetriage.domain.LogLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A run of lines around error lines: what is shown when the cluster is chosen. */
final class Cluster {
    /** How much the number of error lines adds to a cluster's rank (its strongest line counts most). */
    private static final int ERR_CAP = 3;

    final int start;
    final int step;
    final boolean housekeeping;
    final List<LogLine> before;
    final List<LogLine> lines = new ArrayList<>();
    /** The lines that followed the block once it closed (a few), so a run of new lines can carry on past it. */
    final List<LogLine> after = new ArrayList<>();
    final boolean section;
    final int capacity;
    int lastBelonging;
    int mustKeep = 2;
    int gap;
    int maxWeight;
    int errorLines;
    double rank;
    LogLine strongest;

    Cluster(int start, int step, boolean housekeeping, List<LogLine> before, boolean section, int capacity) {
        this.start = start;
        this.step = step;
        this.housekeeping = housekeeping;
        this.before = before;
        this.section = section;
        this.capacity = capacity;
    }

    void add(LogLine line, int weight, boolean belongs) {
        if (lines.size() < capacity) {
            lines.add(line);
        }
        if (belongs || mustKeep > 0) {
            lastBelonging = line.number();
        }
        mustKeep--;
        if (weight >= ErrorRules.ERROR) {
            errorLines++;
        }
        if (weight > maxWeight) {
            maxWeight = weight;
            strongest = line;
        }
    }

    /** The cluster from a little before its first line as strong as the cluster gets (near enough). */
    List<LogLine> fromFirstStrong(int lead, Set<String> without) {
        int threshold = Math.min(maxWeight, ErrorRules.STRONG - 1);
        for (int i = 0; i < lines.size(); i++) {
            if (ErrorRules.weight(lines.get(i).text(), without) >= threshold) {
                return lines.subList(Math.max(0, i - lead), lines.size());
            }
        }
        return lines;
    }

    boolean full() {
        return lines.size() >= capacity;
    }

    /** What the block's error vocabulary says: its strongest line most, then its error lines, then being a report section. */
    int strength() {
        return maxWeight * 4 + Math.min(errorLines, ERR_CAP) + (section ? 6 : 0);
    }
}
