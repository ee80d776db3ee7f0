package dev.pipelinetriage.engine.extract;

import dev.pipelinetriage.domain.LogLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Chooses what a read log shows: spends the excerpt's budget on the failing steps' blocks, the best first (ranked by
 * error vocabulary, closeness to the step's end, rarity and, with a green run, novelty), then the step's last lines
 * and its other blocks; picks the key lines the classifier weighs.
 */
final class ExcerptChoice {
    /** Lines of the failing step's end kept beside its best block. */
    private static final int TAIL = 8;
    /** How much weaker than the best block the first new block of the failing step may be and still lead. */
    private static final int FIRST_NEW_MARGIN = 3;
    /** Lines the green run printed too that a run of new lines may hold, as a diff's hunk does. */
    private static final int HUNK_GAP = 6;
    /** Lines an error block after the failing step may take, when there is room. */
    private static final int AFTER_LINES = 4;
    /** Key lines handed on: the classifier weighs the first of them, the similarity search reads them. */
    private static final int KEY_LINES = 40;
    /** Other blocks of the failing step join the excerpt when they hold an error line. */
    private static final int OTHER_MIN_IN_STEP = ErrorRules.ERROR;
    /** Lines shown before a cluster's first strong line (a test's name before its assertion). */
    private static final int LEAD = 2;

    private final int maxLines;
    private final Tuning tuning;
    private final Set<String> heldOutRules;
    private final Baseline baseline;
    private final ShapeCounts shapes;
    private final List<Cluster> clusters;

    ExcerptChoice(int maxLines, Tuning tuning, Set<String> heldOutRules, Baseline baseline, ShapeCounts shapes,
            List<Cluster> clusters) {
        this.maxLines = maxLines;
        this.tuning = tuning;
        this.heldOutRules = heldOutRules;
        this.baseline = baseline;
        this.shapes = shapes;
        this.clusters = clusters;
    }

    /**
     * The excerpt and the key lines: the failing steps' blocks, best first, then what failed after them while there is
     * room; when nothing error-like was found, the log's last lines.
     *
     * @param failing the steps the job failed in, in log order
     * @param recent the last lines read
     */
    Extraction choose(List<FailingStep> failing, List<LogLine> recent, int lineCount) {
        var budget = new ExcerptBudget(maxLines, new Hunks(baseline, 0, HUNK_GAP));
        List<Cluster> ranked = new ArrayList<>();
        for (FailingStep f : failing) {
            // later failing steps (a Travis script goes on after a command fails) fill what room is left
            List<Cluster> stepRanked = explain(f, budget);
            ranked.addAll(stepRanked);
        }
        FailingStep first = failing.getFirst();
        int after = failing.getLast().end();
        for (Cluster c : clusters) {
            // what failed after the failing step (a post-build publisher) is context while there is room
            if (c.start > after && c.maxWeight >= ErrorRules.ERROR && !c.housekeeping
                    && (!baseline.isPresent() || novelty(c) > 0)) {
                budget.addAll(c.lines, Math.min(maxLines, budget.size() + AFTER_LINES));
            }
        }
        if (budget.size() == 0) {
            budget.addAll(recent.subList(Math.max(0, recent.size() - maxLines), recent.size()), maxLines);
        }
        List<LogLine> keys = new ArrayList<>();
        ranked.stream().limit(KEY_LINES).forEach(c -> {
            if (c.strongest != null) {
                keys.add(c.strongest);
            }
        });
        for (Cluster c : ranked) {
            for (LogLine l : c.lines) {
                if (keys.size() >= KEY_LINES) {
                    break;
                }
                if (!keys.contains(l) && ErrorRules.weight(l.text(), heldOutRules) >= ErrorRules.ERROR) {
                    keys.add(l);
                }
            }
        }
        if (first.verdict() != null) {
            // The CI's own "step X failed" line names what failed; worth a line when there is room.
            budget.defer(first.verdict());
        }
        int to = failing.getLast().end() == Integer.MAX_VALUE ? lineCount : failing.getLast().end();
        return new Extraction(budget.lines(), keys, first.name(), lineCount, first.start(), to);
    }

    /** Spends what is left of the budget on one failing step; returns its blocks, best first. */
    private List<Cluster> explain(FailingStep failing, ExcerptBudget budget) {
        List<Cluster> pool = new ArrayList<>();
        for (Cluster c : clusters) {
            if (failing.holds(c)) {
                pool.add(c);
            }
        }
        rank(pool);
        List<Cluster> ranked = new ArrayList<>(pool);
        ranked.sort(Comparator.comparingDouble((Cluster c) -> c.rank).reversed()
                .thenComparingInt(c -> c.start));
        int room = maxLines - budget.size();
        if (room <= 0) {
            return ranked;
        }
        List<LogLine> tail = failing.tail();
        if (ranked.isEmpty()) {
            // nothing error-like in the failing step: its own last lines, never an earlier step's
            budget.addAll(tail, maxLines);
            return ranked;
        }
        Cluster primary = baseline.isPresent() ? firstNew(ranked.getFirst(), pool) : firstOfItsKind(ranked.getFirst(), pool);
        if (primary != ranked.getFirst()) {
            ranked.remove(primary);
            ranked.addFirst(primary);
        }
        if (primary.maxWeight <= ErrorRules.ERROR && !tail.isEmpty() && primary.start < tail.getFirst().number()) {
            // the best the step has is a bare "failed" far above its end (an option, a file name): the
            // step's own end says more
            budget.addAll(tail, maxLines);
            budget.addAll(lead(primary), maxLines);
            return ranked;
        }
        List<LogLine> body = lead(primary);
        int reserve = tail.isEmpty() ? 0 : Math.min(TAIL / 2, room / 4);
        if (body.size() >= room - reserve) {
            reserve = 0; // a long block is the explanation; it gets the whole excerpt
        }
        int base = budget.size();
        budget.addHunk(body, base + room - reserve);
        budget.addFollowing(newAfter(primary), base + room - reserve);
        budget.addAll(tail.subList(Math.max(0, tail.size() - TAIL), tail.size()), maxLines);
        budget.addAll(primary.lines, maxLines);
        budget.addAll(primary.before, maxLines);
        for (Cluster c : ranked.subList(1, ranked.size())) {
            if (c.maxWeight >= OTHER_MIN_IN_STEP && (!baseline.isPresent() || novelty(c) > 0)) {
                budget.addAll(c.lines, budget.size() + Math.max(4, (maxLines - budget.size()) / 2));
            }
        }
        return ranked;
    }

    /**
     * With a green run to compare with, the first block of the step that is mostly new and nearly as strong
     * as the best: what comes after the first new error is mostly its consequence (a build tool's summary
     * repeating it).
     */
    private Cluster firstNew(Cluster best, List<Cluster> pool) {
        for (Cluster c : pool) {
            if (c.start < best.start && c.strongest != null && !baseline.contains(c.strongest.text())
                    && c.maxWeight >= best.maxWeight - FIRST_NEW_MARGIN) {
                return c;
            }
        }
        return best;
    }

    /**
     * The first block of the step whose key line has the best block's form and strength: of a list of
     * failures of one kind (tests that fail alike, a compiler's errors), the first is where to start.
     */
    private Cluster firstOfItsKind(Cluster best, List<Cluster> pool) {
        if (best.strongest == null) {
            return best;
        }
        long form = LineShapes.skeleton(best.strongest.text());
        for (Cluster c : pool) {
            if (c.start < best.start && c.maxWeight >= best.maxWeight && c.strongest != null
                    && LineShapes.skeleton(c.strongest.text()) == form) {
                return c;
            }
        }
        return best;
    }

    /**
     * Ranks the failing step's blocks: error vocabulary first, then closeness to the step's end, rarity of
     * the key line's form in this log and, with a green run to compare with, how much of the block is new.
     */
    private void rank(List<Cluster> pool) {
        List<Cluster> byStart = new ArrayList<>(pool);
        byStart.sort(Comparator.comparingInt(c -> c.start));
        for (int i = 0; i < byStart.size(); i++) {
            Cluster c = byStart.get(i);
            int later = byStart.size() - 1 - i;
            double position = 1.0 / (1 + later);
            c.rank = c.strength() + tuning.position() * position + tuning.rarity() * rarity(c)
                    + (baseline.isPresent() ? tuning.novelty() * novelty(c) : 0);
        }
    }

    /**
     * +1 for a key line whose form occurs once in the log, down to -1 for one printed over and over. A
     * repeated line loses only when its error vocabulary is weak (a word in a list, a file name): a precise
     * diagnostic repeated for a hundred failed tests is still the failure.
     */
    private double rarity(Cluster c) {
        if (c.strongest == null) {
            return 0;
        }
        int count = shapes.count(LineShapes.skeleton(c.strongest.text()));
        if (c.maxWeight >= ErrorRules.STRONG) {
            return count <= 1 ? 1 : count <= 3 ? 0.5 : 0;
        }
        if (count <= 1) {
            return 1;
        }
        if (count <= 3) {
            return 0.5;
        }
        if (count <= 10) {
            return 0;
        }
        return count <= 50 ? -0.5 : -1;
    }

    /** From -1 (the last green run printed every line of the block) to +1 (every line is new). */
    private double novelty(Cluster c) {
        int fresh = 0;
        for (LogLine l : c.lines) {
            if (!baseline.contains(l.text())) {
                fresh++;
            }
        }
        return c.lines.isEmpty() ? 0 : 2.0 * fresh / c.lines.size() - 1;
    }

    /**
     * Where the block's explanation starts: a little before its first strong line; with a green run to
     * compare with, from the first of the new lines that lead into it.
     */
    private List<LogLine> lead(Cluster c) {
        List<LogLine> body = c.fromFirstStrong(LEAD, heldOutRules);
        if (!baseline.isPresent() || body.size() != c.lines.size()) {
            return body;
        }
        int from = c.before.size();
        while (from > 0 && !baseline.contains(c.before.get(from - 1).text())) {
            from--;
        }
        if (from == c.before.size()) {
            return body;
        }
        List<LogLine> led = new ArrayList<>(c.before.subList(from, c.before.size()));
        led.addAll(body);
        return led;
    }

    /** With a green run to compare with, the lines after the block that carry on its run of new lines. */
    private List<LogLine> newAfter(Cluster c) {
        if (!baseline.isPresent()) {
            return List.of();
        }
        // a diff's hunk, not a filter: a few lines the green run printed too (a build tool's boilerplate) stay
        // when new lines follow them
        List<LogLine> out = new ArrayList<>();
        List<LogLine> pending = new ArrayList<>();
        for (LogLine l : c.after) {
            if (baseline.contains(l.text())) {
                pending.add(l);
                if (pending.size() > HUNK_GAP) {
                    break;
                }
            } else {
                out.addAll(pending);
                pending.clear();
                out.add(l);
            }
        }
        return out;
    }
}
