package dev.pipelinetriage.engine.extract;

import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.engine.normalize.LineKind;
import dev.pipelinetriage.engine.normalize.NormalizedLine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds the lines that explain why a job failed, not just its tail.
 *
 * <p>Structure first. The log is read as a sequence of steps (Travis and shell echoes {@code $ cmd} /
 * {@code + cmd}, GitHub groups, GitLab sections, Jenkins stages) and the lines where the CI says a step or
 * the job failed (Travis {@code The command "X" exited with N}, GitHub {@code Process completed with exit
 * code N}, GitLab {@code ERROR: Job failed}, Jenkins {@code script returned exit code} / {@code Finished:
 * FAILURE}). The <em>failing step</em> is where the excerpt looks: errors in steps that went on and
 * succeeded are context, never the headline. Without a step-level verdict, the failing step is the last step
 * that printed an error (housekeeping such as cache upload aside).
 *
 * <p>Inside it, consecutive error lines (scored with {@link ErrorRules}) and the lines that belong to them (a
 * stack trace, an assertion's expected/actual, a compiler diagnostic's source excerpt, a test report
 * section) form <em>blocks</em>. Blocks are ranked by their error vocabulary and by signs that need no
 * knowledge of the tool (weighed by {@link Tuning}): how close to the step's end they are, how rare their key
 * line's form is in this log (what a tool prints a hundred times -- passing tests, progress, downloads -- is
 * not the failure), and, when the last green run's lines are known ({@link Baseline}), whether they are new
 * since then. The best block is shown whole from where it starts, then the last lines of the step, then the
 * other blocks. When the failing step printed nothing error-like, its own last lines are the excerpt --
 * never lines of an earlier step.
 *
 * <p>Streaming and bounded: a session holds a fixed number of blocks of bounded size, a short ring of recent
 * lines and a bounded table of line forms, whatever the size of the log.
 */
public final class FailureExtractor {

    /** Default excerpt budget, in non-blank lines. */
    public static final int DEFAULT_MAX_LINES = 30;

    /** Clusters kept per log; the weakest are dropped first, the most recent ones are always kept. */
    private static final int MAX_CLUSTERS = 48;
    private static final int KEEP_RECENT = 8;
    /** Non-error lines a cluster may run through before it ends. */
    private static final int GAP = 4;
    /** A report section (pytest FAILURES, mocha "N failing") tolerates longer stretches of plain lines. */
    private static final int SECTION_GAP = 40;
    private static final int RING = 24;
    /** Lines before a block kept, for its context and so that lines new since the last green run can lead into it. */
    private static final int CONTEXT_BEFORE = 2;
    /** Lines of the failing step's end kept beside its best block. */
    private static final int TAIL = 8;
    /** Failure lines remembered: the first steps that failed (a Travis script runs on after one fails). */
    private static final int MAX_FAILURES = 4;
    /** How much weaker than the best block the first new block of the failing step may be and still lead. */
    private static final int FIRST_NEW_MARGIN = 3;
    /** Lines the green run printed too that a run of new lines may hold, as a diff's hunk does. */
    private static final int HUNK_GAP = 6;
    /** Lines an error block after the failing step may take, when there is room. */
    private static final int AFTER_LINES = 4;
    /** Distinct line forms counted per log (a few MB). */
    private static final int MAX_SHAPES = 200_000;
    private static final int KEY_LINES = 40;
    private static final int MAX_STEPS = 64;
    /** Other blocks of the failing step join the excerpt when they hold an error line. */
    private static final int OTHER_MIN_IN_STEP = ErrorRules.ERROR;
    /** How much the number of error lines adds to a cluster's rank (its strongest line counts most). */
    private static final int ERR_CAP = 3;
    /** Lines shown before a cluster's first strong line (a test's name before its assertion). */
    private static final int LEAD = 2;

    private final int maxLines;
    private final Tuning tuning;

    public FailureExtractor() {
        this(DEFAULT_MAX_LINES);
    }

    public FailureExtractor(int maxLines) {
        this(maxLines, Tuning.DEFAULT);
    }

    public FailureExtractor(int maxLines, Tuning tuning) {
        if (maxLines < 1 || maxLines > 1000) {
            throw new IllegalArgumentException("maxLines must be 1..1000, got " + maxLines);
        }
        this.maxLines = maxLines;
        this.tuning = Objects.requireNonNull(tuning, "tuning");
    }

    public int maxLines() {
        return maxLines;
    }

    /** A new extraction over one log; feed it every normalized line in order, then call finish. */
    public Session newSession() {
        return newSession(Baseline.none());
    }

    /** A new extraction that prefers lines new since the last green run of the same job. */
    public Session newSession(Baseline baseline) {
        return new Session(Objects.requireNonNull(baseline, "baseline"));
    }

    /** A run of lines around error lines: what is shown when the cluster is chosen. */
    private static final class Cluster {
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
    }

    /**
     * A step (Travis or shell command, GitHub group, GitLab section, Jenkins stage): its ordinal in the log,
     * where it started and, once the next one started, its last lines.
     */
    private static final class Step {
        final int ordinal;
        final String name;
        final int start;
        final boolean housekeeping;
        List<LogLine> tail = List.of();
        int end = Integer.MAX_VALUE;

        Step(int ordinal, String name, int start) {
            this.ordinal = ordinal;
            this.name = name;
            this.start = start;
            this.housekeeping = StepMarkers.isHousekeeping(name);
        }
    }

    /** A line where the CI said a step (or, job-level, the whole job) failed, and the step it closes. */
    private record FailureMark(Step step, LogLine verdict, String command, boolean jobLevel, List<LogLine> tail) {
    }

    /** The step the excerpt comes from: its name, line range, last lines and the CI's failure line. */
    private record FailingStep(String name, int start, int end, List<LogLine> tail, LogLine verdict) {
        boolean holds(Cluster c) {
            return c.start >= start && c.start <= end;
        }
    }

    /** One log's extraction. Not thread-safe. */
    public final class Session {
        private final Baseline baseline;
        private final Set<String> heldOutRules;
        private final ShapeCounts shapes = new ShapeCounts(MAX_SHAPES);
        private final ArrayDeque<LogLine> ring = new ArrayDeque<>();
        private final List<Cluster> clusters = new ArrayList<>();
        private final ArrayDeque<Step> steps = new ArrayDeque<>();
        private final List<FailureMark> failures = new ArrayList<>(2);
        private Step step = new Step(0, null, 1);
        private Cluster current;
        /** The block closed last: it keeps the lines that follow it. */
        private Cluster closed;
        private boolean echoes;
        private int lineCount;

        private Session(Baseline baseline) {
            this.baseline = baseline;
            this.heldOutRules = tuning.heldOutRules();
            steps.add(step);
        }

        public void accept(NormalizedLine normalized) {
            lineCount = normalized.number();
            if (normalized.kind() == LineKind.NOISE) {
                return;
            }
            LogLine line = normalized.line();
            String text = line.text();
            if (normalized.kind() == LineKind.STEP_START) {
                startStep(normalized.step() != null ? normalized.step() : text.strip(), line.number());
                closeCluster();
                return;
            }
            if (text.isBlank()) {
                return;
            }
            if (tuning.rarity() > 0) {
                shapes.add(LineShapes.skeleton(text)); // a hash per line: only when rarity is weighed at all
            }
            String command = StepMarkers.commandEcho(text);
            if (command != null) {
                echoes = true;
                startStep(command, line.number());
                closeCluster();
            } else if (!echoes && (command = StepMarkers.shellTrace(text)) != null) {
                // a traced command inside a named stage or group keeps the stage's name: it is what the CI shows
                startStep(normalized.step() != null ? normalized.step() : command, line.number());
                closeCluster();
            }
            StepMarkers.Failure failure = StepMarkers.failure(text);
            if (failure != null) {
                markFailed(failure, line);
                closeCluster();
                if (!failure.jobLevel()) {
                    remember(line);
                    return;
                }
                // a job-level verdict often carries the reason itself ("Job failed (system failure): ...")
            }

            int weight = normalized.kind() == LineKind.CI_ERROR
                    ? Math.max(ErrorRules.ERROR, ErrorRules.weight(text, heldOutRules))
                    : ErrorRules.weight(text, heldOutRules);
            boolean sectionStart = ErrorRules.opensSection(text);
            if (current != null && ErrorRules.closesSection(text)) {
                closeCluster();
            }
            if (sectionStart) {
                closeCluster();
                open(line, weight, true);
            } else if (current != null) {
                extend(line, weight, text);
            } else if (weight >= ErrorRules.ERROR) {
                open(line, weight, false);
            }
            remember(line);
        }

        private void remember(LogLine line) {
            if (closed != null && closed != current && closed.after.size() < maxLines
                    && (closed.after.isEmpty() || closed.after.getLast().number() < line.number())) {
                closed.after.add(line);
            }
            ring.addLast(line);
            if (ring.size() > Math.max(RING, maxLines)) {
                ring.removeFirst();
            }
        }

        private void startStep(String name, int number) {
            step.tail = recent(step.start, number, maxLines);
            step.end = number - 1;
            step = new Step(step.ordinal + 1, name, number);
            steps.addLast(step);
            if (steps.size() > MAX_STEPS) {
                steps.removeFirst();
            }
        }

        /** The remembered lines after {@code from} and before {@code to}, at most {@code n}, failure lines left out. */
        private List<LogLine> recent(int from, int to, int n) {
            List<LogLine> out = new ArrayList<>(Math.min(n, ring.size()));
            Iterator<LogLine> it = ring.descendingIterator();
            while (it.hasNext() && out.size() < n) {
                LogLine l = it.next();
                if (l.number() <= from) {
                    break;
                }
                if (l.number() < to && StepMarkers.failure(l.text()) == null) {
                    out.addFirst(l);
                }
            }
            return out;
        }

        private void open(LogLine line, int weight, boolean section) {
            List<LogLine> before = new ArrayList<>(CONTEXT_BEFORE);
            Iterator<LogLine> it = ring.descendingIterator();
            while (it.hasNext() && before.size() < CONTEXT_BEFORE) {
                LogLine l = it.next();
                if (l.number() < step.start) {
                    break;
                }
                before.addFirst(l);
            }
            current = new Cluster(line.number(), step.ordinal, step.housekeeping, before, section, Math.max(maxLines * 2, 40));
            current.add(line, Math.max(weight, section ? ErrorRules.ERROR : 0), true);
            if (section && ErrorRules.isBanner(line.text())) {
                current.mustKeep = 3;
            }
            clusters.add(current);
            if (clusters.size() > MAX_CLUSTERS) {
                dropWeakest();
            }
        }

        private void extend(LogLine line, int weight, String text) {
            Cluster c = current;
            boolean belongs = weight > 0 || ErrorRules.continues(text);
            if (belongs) {
                c.gap = 0;
            } else {
                c.gap++;
            }
            if (c.gap > (c.section ? SECTION_GAP : GAP) || (c.full() && weight >= ErrorRules.ERROR && !c.section)) {
                closeCluster();
                if (weight >= ErrorRules.ERROR) {
                    open(line, weight, false);
                }
                return;
            }
            c.add(line, weight, belongs);
        }

        private void closeCluster() {
            if (current != null) {
                // trailing plain lines after the last error line are not part of the explanation
                List<LogLine> lines = current.lines;
                while (lines.size() > 1 && lines.getLast().number() > current.lastBelonging) {
                    current.after.addFirst(lines.removeLast());
                }
                closed = current;
            }
            current = null;
        }

        private void dropWeakest() {
            Cluster weakest = null;
            for (int i = 0; i < clusters.size() - KEEP_RECENT; i++) {
                Cluster c = clusters.get(i);
                if (weakest == null || strength(c) <= strength(weakest)) {
                    weakest = c;
                }
            }
            if (weakest != null) {
                clusters.remove(weakest);
            }
        }

        private void markFailed(StepMarkers.Failure failure, LogLine verdict) {
            if (failures.size() >= MAX_FAILURES) {
                return;
            }
            Step closed = stepFor(failure);
            // the commands a step ran print their own echoes (yarn's "$ eslint"), so a step-level verdict
            // closes everything from its step's start
            List<LogLine> tail = failure.jobLevel() && closed != step ? closed.tail : recent(closed.start, verdict.number(), maxLines);
            failures.add(new FailureMark(closed, verdict, failure.command(), failure.jobLevel(), tail));
        }

        /** The step a failure marker closes: the echo of the same command, else the last step that ran a script. */
        private Step stepFor(StepMarkers.Failure failure) {
            if (failure.command() != null) {
                String wanted = failure.command().strip();
                for (Iterator<Step> it = steps.descendingIterator(); it.hasNext(); ) {
                    Step s = it.next();
                    if (s.name != null && s.name.strip().equals(wanted)) {
                        return s;
                    }
                }
            }
            return failure.jobLevel() ? lastScriptStep() : step;
        }

        /**
         * The steps the job failed in, in log order: those step-level failure lines close; else (only a
         * job-level verdict, or none) the last step that printed an error, housekeeping aside, or failing that
         * the step the verdict names.
         */
        private List<FailingStep> failingSteps() {
            List<FailingStep> out = new ArrayList<>();
            for (FailureMark mark : failures) {
                if (!mark.jobLevel()) {
                    String name = mark.command() != null ? mark.command() : mark.step().name;
                    out.add(new FailingStep(name, mark.step().start, mark.verdict().number(), mark.tail(), mark.verdict()));
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
            FailureMark mark = failures.isEmpty() ? null : failures.getFirst();
            int limit = mark == null ? Integer.MAX_VALUE : mark.verdict().number();
            Cluster lastError = null;
            for (Cluster c : clusters) {
                if (c.start < limit && !c.housekeeping && c.maxWeight >= ErrorRules.ERROR) {
                    lastError = c;
                }
            }
            Step chosen = null;
            if (lastError != null) {
                for (Step s : steps) {
                    if (s.ordinal == lastError.step) {
                        chosen = s;
                    }
                }
            }
            if (chosen == null) {
                chosen = mark != null ? mark.step() : lastScriptStep();
            }
            List<LogLine> tail = chosen == step ? recent(chosen.start, limit, maxLines) : chosen.tail;
            return List.of(new FailingStep(chosen.name, chosen.start, Math.min(chosen.end, limit), tail,
                    mark == null ? null : mark.verdict()));
        }

        private Step lastScriptStep() {
            for (Iterator<Step> it = steps.descendingIterator(); it.hasNext(); ) {
                Step s = it.next();
                if (!s.housekeeping) {
                    return s;
                }
            }
            return step;
        }

        public Extraction finish() {
            closeCluster();
            List<FailingStep> failing = failingSteps();
            var budget = new Budget(maxLines, new Hunks(baseline, 0, HUNK_GAP));
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
                List<LogLine> last = new ArrayList<>(ring);
                budget.addAll(last.subList(Math.max(0, last.size() - maxLines), last.size()), maxLines);
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
        private List<Cluster> explain(FailingStep failing, Budget budget) {
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
                c.rank = strength(c) + tuning.position() * position + tuning.rarity() * rarity(c)
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

    private static int strength(Cluster c) {
        return c.maxWeight * 4 + Math.min(c.errorLines, ERR_CAP) + (c.section ? 6 : 0);
    }

    /** The excerpt being built: at most maxLines lines, no line twice, no repeated text. */
    private static final class Budget {
        private final int maxLines;
        private final Hunks hunks;
        private final TreeMap<Integer, LogLine> chosen = new TreeMap<>();
        private final Set<String> texts = new HashSet<>();
        private final List<LogLine> deferred = new ArrayList<>();

        /**
         * @param hunks with a green run to compare with, the lines it printed too are left out (they did not make
         *     this run fail) except where a diff's hunk would show them
         */
        Budget(int maxLines, Hunks hunks) {
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
}
