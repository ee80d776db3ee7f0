package dev.pipelinetriage.engine.match;

import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.engine.text.DfaMemory;
import dev.pipelinetriage.engine.text.LinePattern;
import dev.pipelinetriage.engine.text.LiteralAutomaton;
import dev.pipelinetriage.engine.text.UnsupportedPatternException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The knowledge base's regex indications, compiled once, scanned over a log line by line. Phrase
 * indications are not handled here: they are the search index's job.
 *
 * <p>Every regex is a {@link LinePattern}: it runs in time linear in the line, so no pattern or line can hang or crash
 * a scan, and the scan needs no budget per line or per log.
 *
 * <p>A multi-line indication is tried around every line that holds its required literal (or every line when
 * it has none): on the {@code maxLines - 1} lines before it, the line and the {@code maxLines - 1} lines after
 * it, so any match spanning at most {@code maxLines} lines through that line is found. A scan keeps at most
 * a few windows of lines in memory.
 *
 * <p>Each line is read once by an automaton over all the regexes' required literals, and the literals it finds
 * lead straight to the indications that need them: a line meets only those, plus the few indications without a
 * literal, so the cost per line does not grow with the number of entries.
 */
public final class IndicationMatcher {

    /** An indication without a literal the prefilter could use: it is tried on every line. */
    public record AlwaysTried(KnownError knownError, Indication indication, String pattern) {
    }

    /**
     * @param exactLiteral the literal to confirm with {@code contains} when it is case-sensitive (the automaton
     *     folds case), else null
     */
    private record Compiled(KnownError knownError, Indication indication, LinePattern regex, int window,
            String exactLiteral) {
    }

    /** The indications of one kind (single- or multi-line), indexed by the literal each needs. */
    private static final class Group {
        final List<Compiled> compiled = new ArrayList<>();
        final List<List<Integer>> byLiteralBuilding = new ArrayList<>();
        final List<Integer> alwaysBuilding = new ArrayList<>();
        int[][] byLiteral;
        int[] always;

        void add(Compiled c, int literal) {
            int index = compiled.size();
            compiled.add(c);
            if (literal < 0) {
                alwaysBuilding.add(index);
                return;
            }
            while (byLiteralBuilding.size() <= literal) {
                byLiteralBuilding.add(new ArrayList<>());
            }
            byLiteralBuilding.get(literal).add(index);
        }

        void seal(int literalCount) {
            byLiteral = new int[literalCount][];
            for (int id = 0; id < literalCount; id++) {
                byLiteral[id] = id < byLiteralBuilding.size()
                        ? byLiteralBuilding.get(id).stream().mapToInt(Integer::intValue).toArray() : new int[0];
            }
            always = alwaysBuilding.stream().mapToInt(Integer::intValue).toArray();
        }

        /**
         * The indices of the indications a line with the given literals meets, in knowledge-base order (so hits
         * come out in the same order whatever literals a line holds); answers how many were written to {@code out}.
         */
        int candidates(int[] foundLiterals, int found, int[] out) {
            int count = always.length;
            System.arraycopy(always, 0, out, 0, count);
            for (int i = 0; i < found; i++) {
                int[] indices = byLiteral[foundLiterals[i]];
                System.arraycopy(indices, 0, out, count, indices.length);
                count += indices.length;
            }
            if (found > 0 && count > 1) {
                Arrays.sort(out, 0, count);
            }
            return count;
        }
    }

    private final Group single = new Group();
    private final Group multi = new Group();
    /** Every required literal, found in one pass per line. */
    private final LiteralAutomaton literals;
    private final List<AlwaysTried> alwaysTried = new ArrayList<>();
    /** What the regexes' DFAs may hold together, whatever the logs: 16 MB. */
    private final DfaMemory dfaMemory = new DfaMemory(DFA_MEMORY_ENTRIES);
    private static final long DFA_MEMORY_ENTRIES = 1L << 22;

    /** Compiles every regex indication; a pattern that does not compile throws with the entry's id. */
    public IndicationMatcher(List<KnownError> entries) {
        var literalIds = new LinkedHashMap<String, Integer>();
        for (KnownError entry : entries) {
            for (Indication indication : entry.indications()) {
                switch (indication) {
                    case Indication.LineRegex r -> add(single, entry, r, r.pattern(), 1, literalIds);
                    case Indication.MultiLineRegex r -> add(multi, entry, r, r.pattern(), r.maxLines(), literalIds);
                    case Indication.Phrase ignored -> {
                        // matched by the KnowledgeIndex
                    }
                }
            }
        }
        this.literals = new LiteralAutomaton(List.copyOf(literalIds.keySet()));
        single.seal(literals.literalCount());
        multi.seal(literals.literalCount());
    }

    private void add(Group group, KnownError entry, Indication indication, String pattern, int window,
            Map<String, Integer> literalIds) {
        LinePattern regex = compile(entry, pattern, dfaMemory);
        String literal = regex.requiredLiteral().orElse(null);
        if (literal == null) {
            alwaysTried.add(new AlwaysTried(entry, indication, pattern));
            group.add(new Compiled(entry, indication, regex, window, null), -1);
            return;
        }
        int id = literalIds.computeIfAbsent(LiteralAutomaton.fold(literal), key -> literalIds.size());
        group.add(new Compiled(entry, indication, regex, window, regex.ignoresCase() ? null : literal), id);
    }

    private static LinePattern compile(KnownError entry, String pattern, DfaMemory memory) {
        try {
            return LinePattern.compile(pattern, memory);
        } catch (UnsupportedPatternException e) {
            throw new IllegalArgumentException("known error " + entry.id() + ": " + e.getMessage(), e);
        }
    }

    /** The regex indications without a usable literal: every line meets them, so each adds to the cost of every line. */
    public List<AlwaysTried> alwaysTried() {
        return List.copyOf(alwaysTried);
    }

    /** A new scan over one log. Not thread-safe; one per log. */
    public Scan newScan(Consumer<IndicationHit> hits) {
        return new Scan(hits);
    }

    /** True when {@code text} (one line, or several separated by '\n') shows one of the entry's regex indications. */
    public boolean matches(KnownError entry, String text) {
        var found = new boolean[1];
        Scan scan = newScan(hit -> found[0] |= hit.knownError().id().equals(entry.id()));
        int number = 1;
        for (String line : text.split("\n", -1)) {
            scan.accept(new LogLine(number++, line));
        }
        scan.finish();
        return found[0];
    }

    /** Whether the entry has indications this matcher handles (line or multi-line regexes). */
    public static boolean hasRegexIndication(KnownError entry) {
        return entry.indications().stream().anyMatch(i -> !(i instanceof Indication.Phrase));
    }

    /** One log's scan: feed lines in order, then call {@link #finish()}. */
    public final class Scan {
        private final Consumer<IndicationHit> sink;
        private final ArrayDeque<LogLine> recent = new ArrayDeque<>();
        private final List<PendingWindow> pending = new ArrayList<>();
        private final int keep;
        /** {@code seen[literal] == stamp} when the literal occurs in the current line. */
        private final int[] seen = new int[literals.literalCount()];
        private final int[] foundLiterals = new int[literals.literalCount()];
        private final int[] candidates = new int[Math.max(single.compiled.size(), multi.compiled.size())];
        private int stamp;
        private long regexRuns;

        private Scan(Consumer<IndicationHit> sink) {
            this.sink = sink;
            this.keep = multi.compiled.stream().mapToInt(Compiled::window).max().orElse(0);
        }

        /** Adds the line to every open multi-line window and evaluates the full ones. */
        private void advancePending(LogLine line) {
            List<PendingWindow> complete = new ArrayList<>();
            for (Iterator<PendingWindow> it = pending.iterator(); it.hasNext(); ) {
                PendingWindow window = it.next();
                window.lines.add(line);
                if (window.lines.size() == window.size) {
                    it.remove();
                    complete.add(window);
                }
            }
            for (PendingWindow window : complete) {
                window.evaluate();
            }
        }

        public void accept(LogLine line) {
            String text = line.text();
            int found = literals.collect(text, seen, nextStamp(), foundLiterals);
            int count = single.candidates(foundLiterals, found, candidates);
            for (int i = 0; i < count; i++) {
                Compiled c = single.compiled.get(candidates[i]);
                if (c.exactLiteral() != null && !text.contains(c.exactLiteral())) {
                    continue;
                }
                if (run(c.regex(), text)) {
                    sink.accept(new IndicationHit(c.knownError(), c.indication(), List.of(line)));
                }
            }
            if (keep == 0) {
                return;
            }
            if (!pending.isEmpty()) {
                advancePending(line);
            }
            count = multi.candidates(foundLiterals, found, candidates);
            for (int i = 0; i < count; i++) {
                Compiled c = multi.compiled.get(candidates[i]);
                if ((c.exactLiteral() == null || text.contains(c.exactLiteral())) && !alreadyPending(c)) {
                    var window = new PendingWindow(c);
                    recent.stream().skip(Math.max(0, recent.size() - (c.window() - 1))).forEach(window.lines::add);
                    window.lines.add(line);
                    window.size = window.lines.size() + c.window() - 1;
                    pending.add(window);
                }
            }
            recent.addLast(line);
            if (recent.size() >= keep) {
                recent.removeFirst();
            }
        }

        /** A fresh mark for this line's literals, so {@link #seen} never needs clearing between lines. */
        private int nextStamp() {
            if (stamp == Integer.MAX_VALUE) {
                Arrays.fill(seen, 0);
                stamp = 0;
            }
            return ++stamp;
        }

        /** A window still collecting lines already covers the next anchor of the same indication. */
        private boolean alreadyPending(Compiled c) {
            for (PendingWindow window : pending) {
                if (window.compiled == c) {
                    return true;
                }
            }
            return false;
        }

        /** Evaluates windows cut short by the end of the log. */
        public void finish() {
            for (PendingWindow window : List.copyOf(pending)) {
                window.evaluate();
            }
            pending.clear();
        }

        /** How many times a regex ran: the lines' literals decide which indications get that far. */
        public long regexRuns() {
            return regexRuns;
        }

        private boolean run(LinePattern regex, String text) {
            regexRuns++;
            return regex.find(text);
        }

        private final class PendingWindow {
            final Compiled compiled;
            final List<LogLine> lines = new ArrayList<>();
            int size;

            PendingWindow(Compiled compiled) {
                this.compiled = compiled;
            }

            /** Runs the window's regex over its lines joined by '\n'. */
            void evaluate() {
                var joined = new StringBuilder();
                for (LogLine l : lines) {
                    if (!joined.isEmpty()) {
                        joined.append('\n');
                    }
                    joined.append(l.text());
                }
                // The anchor line held the literal, so the window does too: no pre-check needed.
                if (run(compiled.regex(), joined.toString())) {
                    sink.accept(new IndicationHit(compiled.knownError(), compiled.indication(), lines));
                }
            }
        }
    }
}
