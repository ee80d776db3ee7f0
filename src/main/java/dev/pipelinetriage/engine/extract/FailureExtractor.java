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
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds the lines that explain why a job failed, not just its tail.
 *
 * <p>How: every line is scored with {@link ErrorRules}; consecutive error lines and the lines that belong
 * to them (a stack trace's head, an assertion's expected/actual, a compiler diagnostic's source excerpt) are
 * grouped into <em>clusters</em>; a test report section ("FAILURES", "N failing", "Failures:") opens a
 * cluster that keeps going through the report. The step that failed (Travis {@code The command "X" exited
 * with N}, GitHub {@code Process completed with exit code N}, GitLab {@code ERROR: Job failed}, Jenkins
 * {@code script returned exit code}) narrows the search to that step's output. The best cluster is then
 * spent first from its beginning -- where the explanation starts --, then the last lines the failed step
 * printed, then the other clusters by rank: the best lines within the budget, returned in log order, with
 * repeated lines collapsed.
 *
 * <p>Streaming and bounded: a session holds a fixed number of clusters of bounded size and a short ring of
 * recent lines, whatever the size of the log.
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
    private static final int CONTEXT_BEFORE = 2;
    private static final int TAIL = 8;
    private static final int KEY_LINES = 40;
    private static final int MAX_STEPS = 64;
    /** Other clusters join the excerpt when this strong, or when they are in the failed step at all. */
    private static final int OTHER_MIN = ErrorRules.STRONG;
    private static final int OTHER_MIN_IN_STEP = ErrorRules.ERROR;
    /** How much the number of error lines adds to a cluster's rank (its strongest line counts most). */
    private static final int ERR_CAP = 3;
    /** Lines shown before a cluster's first strong line (a test's name before its assertion). */
    private static final int LEAD = 2;

    private final int maxLines;

    public FailureExtractor() {
        this(DEFAULT_MAX_LINES);
    }

    public FailureExtractor(int maxLines) {
        if (maxLines < 1 || maxLines > 1000) {
            throw new IllegalArgumentException("maxLines must be 1..1000, got " + maxLines);
        }
        this.maxLines = maxLines;
    }

    public int maxLines() {
        return maxLines;
    }

    /** A new extraction over one log; feed it every normalized line in order, then call finish. */
    public Session newSession() {
        return new Session();
    }

    /** A run of lines around error lines: what is shown when the cluster is chosen. */
    private static final class Cluster {
        final int start;
        final List<LogLine> before;
        final List<LogLine> lines = new ArrayList<>();
        final boolean section;
        final int capacity;
        int lastBelonging;
        int mustKeep = 2;
        int gap;
        int maxWeight;
        int errorLines;
        int rank;
        LogLine strongest;

        Cluster(int start, List<LogLine> before, boolean section, int capacity) {
            this.start = start;
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
        List<LogLine> fromFirstStrong(int lead) {
            int threshold = Math.min(maxWeight, ErrorRules.STRONG - 1);
            for (int i = 0; i < lines.size(); i++) {
                if (ErrorRules.weight(lines.get(i).text()) >= threshold) {
                    return lines.subList(Math.max(0, i - lead), lines.size());
                }
            }
            return lines;
        }

        boolean full() {
            return lines.size() >= capacity;
        }
    }

    /** A step (Travis command, GitHub group, GitLab section, Jenkins stage) and where it started. */
    private record Step(String name, int start) {
    }

    /** The output of a step that failed: where it started and ended, and the last lines it printed. */
    /** A failed step: its name, where it ran, its last lines and the CI's own line saying it failed. */
    private record FailedSegment(String step, int start, int end, List<LogLine> tail, LogLine verdict) {
    }

    /** One log's extraction. Not thread-safe. */
    public final class Session {
        private final ArrayDeque<LogLine> ring = new ArrayDeque<>();
        private final List<Cluster> clusters = new ArrayList<>();
        private final ArrayDeque<Step> steps = new ArrayDeque<>();
        private final List<FailedSegment> failed = new ArrayList<>(2);
        private Cluster current;
        private String lastErrorStep;
        private int lineCount;

        private Session() {
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
            String command = StepMarkers.commandEcho(text);
            if (command != null) {
                startStep(command, line.number());
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
                    ? Math.max(ErrorRules.ERROR, ErrorRules.weight(text))
                    : ErrorRules.weight(text);
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
            if (weight >= ErrorRules.ERROR) {
                lastErrorStep = normalized.step();
            }
            remember(line);
        }

        private void remember(LogLine line) {
            ring.addLast(line);
            if (ring.size() > Math.max(RING, maxLines)) {
                ring.removeFirst();
            }
        }

        private void startStep(String name, int number) {
            steps.addLast(new Step(name, number));
            if (steps.size() > MAX_STEPS) {
                steps.removeFirst();
            }
        }

        private void open(LogLine line, int weight, boolean section) {
            List<LogLine> before = new ArrayList<>(CONTEXT_BEFORE);
            Iterator<LogLine> it = ring.descendingIterator();
            while (it.hasNext() && before.size() < CONTEXT_BEFORE) {
                before.addFirst(it.next());
            }
            current = new Cluster(line.number(), before, section, Math.max(maxLines * 2, 40));
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
                    lines.removeLast();
                }
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
            int number = verdict.number();
            if (failed.size() >= 2) {
                return;
            }
            Step step = stepFor(failure);
            int start = step == null ? 1 : step.start();
            List<LogLine> tail = new ArrayList<>(TAIL);
            Iterator<LogLine> it = ring.descendingIterator();
            while (it.hasNext() && tail.size() < TAIL) {
                LogLine l = it.next();
                if (l.number() <= start) {
                    break;
                }
                if (StepMarkers.failure(l.text()) == null) {
                    tail.addFirst(l);
                }
            }
            String name = failure.command() != null ? failure.command() : (step == null ? null : step.name());
            failed.add(new FailedSegment(name, start, number, tail, verdict));
        }

        /** The step a failure marker closes: the echo of the same command, else the last step that ran a script. */
        private Step stepFor(StepMarkers.Failure failure) {
            if (steps.isEmpty()) {
                return null;
            }
            if (failure.command() != null) {
                String wanted = failure.command().strip();
                for (Iterator<Step> it = steps.descendingIterator(); it.hasNext(); ) {
                    Step s = it.next();
                    if (s.name().strip().equals(wanted)) {
                        return s;
                    }
                }
            }
            if (failure.jobLevel()) {
                for (Iterator<Step> it = steps.descendingIterator(); it.hasNext(); ) {
                    Step s = it.next();
                    if (!StepMarkers.isHousekeeping(s.name())) {
                        return s;
                    }
                }
            }
            return steps.getLast();
        }

        public Extraction finish() {
            closeCluster();
            FailedSegment segment = failed.isEmpty() ? null : failed.getFirst();
            List<Cluster> pool = new ArrayList<>();
            if (segment != null) {
                for (Cluster c : clusters) {
                    if (c.start > segment.start() && c.start < segment.end()) {
                        pool.add(c);
                    }
                }
            }
            boolean inStep = !pool.isEmpty();
            if (!inStep) {
                pool.addAll(clusters);
            }
            for (Cluster c : pool) {
                c.rank = strength(c);
            }
            List<Cluster> ranked = new ArrayList<>(pool);
            ranked.sort(Comparator.comparingInt((Cluster c) -> c.rank).reversed()
                    .thenComparingInt(c -> c.start));

            var budget = new Budget(maxLines);
            List<LogLine> tail = segment != null ? segment.tail() : List.of();
            if (!ranked.isEmpty()) {
                Cluster primary = ranked.getFirst();
                int reserve = tail.isEmpty() ? 0 : Math.min(TAIL / 2, maxLines / 4);
                List<LogLine> body = primary.fromFirstStrong(LEAD);
                budget.addAll(body, maxLines - reserve);
                budget.addAll(tail, maxLines);
                budget.addAll(body, maxLines);
                budget.addAll(primary.lines, maxLines);
                budget.addAll(primary.before, maxLines);
                for (Cluster c : ranked.subList(1, ranked.size())) {
                    if (c.maxWeight >= OTHER_MIN || (inStep && c.maxWeight >= OTHER_MIN_IN_STEP)) {
                        budget.addAll(c.lines, budget.size() + Math.max(4, (maxLines - budget.size()) / 2));
                    }
                }
            } else {
                budget.addAll(tail, maxLines);
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
                    if (!keys.contains(l) && ErrorRules.weight(l.text()) >= ErrorRules.ERROR) {
                        keys.add(l);
                    }
                }
            }
            if (segment != null) {
                // The CI's own "step X failed" line names what failed; worth a line when there is room.
                budget.defer(segment.verdict());
            }
            String step = segment != null ? segment.step() : lastErrorStep;
            return new Extraction(budget.lines(), keys, step, lineCount);
        }
    }

    private static int strength(Cluster c) {
        return c.maxWeight * 4 + Math.min(c.errorLines, ERR_CAP) + (c.section ? 6 : 0);
    }

    /** The excerpt being built: at most maxLines lines, no line twice, no repeated text. */
    private static final class Budget {
        private final int maxLines;
        private final TreeMap<Integer, LogLine> chosen = new TreeMap<>();
        private final Set<String> texts = new HashSet<>();
        private final List<LogLine> deferred = new ArrayList<>();

        Budget(int maxLines) {
            this.maxLines = maxLines;
        }

        int size() {
            return chosen.size();
        }

        /** Adds lines in order until the excerpt holds {@code upTo} lines. */
        void addAll(List<LogLine> lines, int upTo) {
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
