package dev.pipelinetriage.engine.extract;

import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.engine.normalize.LineKind;
import dev.pipelinetriage.engine.normalize.NormalizedLine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
    /** Failure lines remembered: the first steps that failed (a Travis script runs on after one fails). */
    private static final int MAX_FAILURES = 4;
    /** Distinct line forms counted per log (a few MB). */
    private static final int MAX_SHAPES = 200_000;
    private static final int MAX_STEPS = 64;

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

            // An echoed or traced command is what ran, not what it said: "-Stage Failure" in one is no error line.
            int weight = normalized.kind() == LineKind.CI_ERROR
                    ? Math.max(ErrorRules.ERROR, ErrorRules.weight(text, heldOutRules))
                    : command != null ? 0 : ErrorRules.weight(text, heldOutRules);
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
                if (weakest == null || c.strength() <= weakest.strength()) {
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
            return new ExcerptChoice(maxLines, tuning, heldOutRules, baseline, shapes, clusters)
                    .choose(failingSteps(), new ArrayList<>(ring), lineCount);
        }
    }
}
