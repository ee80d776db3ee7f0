package dev.pipelinetriage.engine.extract;

import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.engine.normalize.LineKind;
import dev.pipelinetriage.engine.normalize.NormalizedLine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the lines that explain why a job failed, not just its tail: scores every line with
 * {@link ErrorRules}, keeps the strongest candidates with the context that makes them readable (a stack
 * trace's head, an assertion's expected/actual), detects the failed step, and spends a line budget on the
 * best regions, returned in log order.
 *
 * <p>Streaming and bounded: a session holds a fixed number of candidates and a short ring of recent lines,
 * whatever the size of the log.
 */
public final class FailureExtractor {

    /** Default excerpt budget, in non-blank lines. */
    public static final int DEFAULT_MAX_LINES = 30;

    private static final int MAX_CANDIDATES = 256;
    private static final int CONTEXT_BEFORE = 3;
    private static final int CONTEXT_AFTER = 12;
    private static final int MAX_STACK_FRAMES = 4;
    private static final int TAIL_LINES = 60;
    private static final int KEY_LINES = 40;

    private static final Pattern TRAVIS_COMMAND = Pattern.compile("^The command \"(.+)\" (?:exited with|failed and exited with) [1-9]\\d*");
    private static final Pattern JOB_FAILED = Pattern.compile(
            "(?i)^(?:ERROR: Job failed|Process completed with exit code [1-9]|ERROR: script returned exit code|Finished: FAILURE|##\\[error\\])");
    private static final Pattern CONTINUATION = Pattern.compile(
            "^(?:\\s+\\S|at |Caused by|E {3}|Expected|Actual|expected|actual|but (?:was|got)|[+-] |\\^|\\||>|-->|= |Error|note:|help:|\\[ERROR\\]\\s{2,}|\\s*\\d+ \\|)");
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s*(?:at |File \"|\\d+: 0x|#\\d+ )");

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

    private static final class Candidate {
        final LogLine anchor;
        final ErrorRule rule;
        final String step;
        final List<LogLine> before;
        final List<LogLine> after = new ArrayList<>();
        int framesAfter;
        boolean open = true;
        int score;

        Candidate(LogLine anchor, ErrorRule rule, String step, List<LogLine> before) {
            this.anchor = anchor;
            this.rule = rule;
            this.step = step;
            this.before = before;
            this.score = rule.weight();
        }
    }

    /** One log's extraction. Not thread-safe. */
    public final class Session {
        private final ArrayDeque<LogLine> recent = new ArrayDeque<>();
        private final ArrayDeque<LogLine> tail = new ArrayDeque<>();
        private final PriorityQueue<Candidate> candidates = new PriorityQueue<>(
                Comparator.comparingInt((Candidate c) -> c.score).thenComparingInt(c -> c.anchor.number()));
        private final List<Candidate> open = new ArrayList<>();
        private final Set<String> seenAnchors = new HashSet<>();
        private String failedStep;
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
            if (text.isBlank()) {
                closeOpen();
                recent.clear();
                return;
            }
            detectFailedStep(normalized);
            extendOpen(line);

            ErrorRule rule = normalized.kind() == LineKind.STEP_START ? null : ErrorRules.strongest(text);
            if (normalized.kind() == LineKind.CI_ERROR && rule == null) {
                rule = ErrorRule.of("ci-error", 5, "");
            }
            if (rule != null && seenAnchors.add(text)) {
                var candidate = new Candidate(line, rule, normalized.step(), List.copyOf(recent));
                if (rule.weight() >= 4) {
                    lastErrorStep = normalized.step();
                }
                open.add(candidate);
                candidates.add(candidate);
                if (candidates.size() > MAX_CANDIDATES) {
                    Candidate dropped = candidates.poll();
                    open.remove(dropped);
                }
            }

            recent.addLast(line);
            if (recent.size() > CONTEXT_BEFORE) {
                recent.removeFirst();
            }
            tail.addLast(line);
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
        }

        private void detectFailedStep(NormalizedLine normalized) {
            String text = normalized.text();
            Matcher travis = TRAVIS_COMMAND.matcher(text);
            if (travis.find()) {
                failedStep = travis.group(1);
            } else if (failedStep == null && JOB_FAILED.matcher(text).find() && normalized.step() != null) {
                failedStep = normalized.step();
            }
        }

        private void extendOpen(LogLine line) {
            if (open.isEmpty()) {
                return;
            }
            boolean continues = CONTINUATION.matcher(line.text()).find();
            boolean frame = STACK_FRAME.matcher(line.text()).find();
            for (int i = open.size() - 1; i >= 0; i--) {
                Candidate c = open.get(i);
                boolean keep = continues && c.after.size() < CONTEXT_AFTER && (!frame || c.framesAfter < MAX_STACK_FRAMES);
                if (frame && c.framesAfter >= MAX_STACK_FRAMES && continues) {
                    continue; // skip deep frames but keep collecting "Caused by" and friends
                }
                if (keep) {
                    c.after.add(line);
                    if (frame) {
                        c.framesAfter++;
                    }
                } else {
                    c.open = false;
                    open.remove(i);
                }
            }
        }

        private void closeOpen() {
            for (Candidate c : open) {
                c.open = false;
            }
            open.clear();
        }

        public Extraction finish() {
            closeOpen();
            String step = failedStep != null ? failedStep : lastErrorStep;
            List<Candidate> ranked = new ArrayList<>(candidates);
            for (Candidate c : ranked) {
                if (step != null && step.equals(c.step)) {
                    c.score += 2;
                }
                if (c.anchor.number() > lineCount * 0.8) {
                    c.score += 1;
                }
            }
            ranked.sort(Comparator.comparingInt((Candidate c) -> c.score).reversed()
                    .thenComparing(Comparator.comparingInt((Candidate c) -> c.anchor.number()).reversed()));

            TreeMap<Integer, LogLine> chosen = new TreeMap<>();
            for (Candidate c : ranked) {
                if (chosen.size() >= maxLines) {
                    break;
                }
                if (c.score < 3 && !chosen.isEmpty()) {
                    continue;
                }
                addRegion(chosen, c);
            }
            if (chosen.isEmpty()) {
                var lastLines = new ArrayList<>(tail);
                for (LogLine l : lastLines.subList(Math.max(0, lastLines.size() - maxLines), lastLines.size())) {
                    chosen.put(l.number(), l);
                }
            }
            List<LogLine> keys = ranked.stream().limit(KEY_LINES).map(c -> c.anchor).toList();
            return new Extraction(List.copyOf(chosen.values()), keys, step, lineCount);
        }

        /** Anchor first, then what follows it, then what precedes it -- as much as the budget allows. */
        private void addRegion(TreeMap<Integer, LogLine> chosen, Candidate c) {
            put(chosen, c.anchor);
            for (LogLine l : c.after) {
                if (!put(chosen, l)) {
                    return;
                }
            }
            for (int i = c.before.size() - 1; i >= 0; i--) {
                if (!put(chosen, c.before.get(i))) {
                    return;
                }
            }
        }

        private boolean put(TreeMap<Integer, LogLine> chosen, LogLine line) {
            if (chosen.containsKey(line.number())) {
                return true;
            }
            if (chosen.size() >= maxLines) {
                return false;
            }
            chosen.put(line.number(), line);
            return true;
        }
    }
}
