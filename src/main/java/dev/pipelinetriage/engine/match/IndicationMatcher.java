package dev.pipelinetriage.engine.match;

import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.engine.text.LiteralAutomaton;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The knowledge base's regex indications, compiled once, scanned over a log line by line. Phrase
 * indications are not handled here: they are the search index's job.
 *
 * <p>A multi-line indication is tried around every line that holds its required literal (or every line when
 * it has none): on the {@code maxLines - 1} lines before it, the line and the {@code maxLines - 1} lines after
 * it, so any match spanning at most {@code maxLines} lines through that line is found. A scan keeps at most
 * a few windows of lines in memory.
 *
 * <p>Each line is read once by an automaton over all the regexes' required literals, and a regex runs only on
 * the lines that hold its literal: with hundreds of entries that pass, not the regexes, is the cost per line.
 */
public final class IndicationMatcher {

    /**
     * @param literal the id of the regex's required literal in {@link #literals}, or -1 when it has none
     * @param exactLiteral the literal to confirm with {@code contains} when it is case-sensitive (the automaton
     *     folds case), else null
     */
    private record Compiled(KnownError knownError, Indication indication, BoundedRegex regex, int window, int literal,
            String exactLiteral) {

        /** Whether the line holds the required literal, so the regex is worth running (always when there is none). */
        boolean mayMatch(String text, int[] found, int stamp) {
            return literal < 0 || found[literal] == stamp && (exactLiteral == null || text.contains(exactLiteral));
        }
    }

    private final List<Compiled> singleLine;
    private final List<Compiled> multiLine;
    /** Every required literal, found in one pass per line instead of one {@code contains} per regex. */
    private final LiteralAutomaton literals;

    /** Compiles every regex indication; a pattern that does not compile throws with the entry's id. */
    public IndicationMatcher(List<KnownError> entries) {
        var single = new ArrayList<Compiled>();
        var multi = new ArrayList<Compiled>();
        var literalIds = new LinkedHashMap<String, Integer>();
        for (KnownError entry : entries) {
            for (Indication indication : entry.indications()) {
                switch (indication) {
                    case Indication.LineRegex r -> single.add(compiled(entry, r, r.pattern(), 1, literalIds));
                    case Indication.MultiLineRegex r -> multi.add(compiled(entry, r, r.pattern(), r.maxLines(), literalIds));
                    case Indication.Phrase ignored -> {
                        // matched by the KnowledgeIndex
                    }
                }
            }
        }
        this.singleLine = List.copyOf(single);
        this.multiLine = List.copyOf(multi);
        this.literals = new LiteralAutomaton(List.copyOf(literalIds.keySet()));
    }

    private static Compiled compiled(KnownError entry, Indication indication, String pattern, int window,
            Map<String, Integer> literalIds) {
        BoundedRegex regex = compile(entry, pattern);
        // The literal as written, not BoundedRegex's Unicode-lower-cased one: (?i) folds ASCII letters only.
        String literal = RequiredLiteral.of(pattern).orElse(null);
        if (literal == null) {
            return new Compiled(entry, indication, regex, window, -1, null);
        }
        int id = literalIds.computeIfAbsent(LiteralAutomaton.fold(literal), key -> literalIds.size());
        return new Compiled(entry, indication, regex, window, id, regex.literalIgnoresCase() ? null : literal);
    }

    private static BoundedRegex compile(KnownError entry, String pattern) {
        try {
            return BoundedRegex.compile(pattern);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException("known error " + entry.id() + ": regex does not compile: "
                    + e.getDescription() + " near index " + e.getIndex(), e);
        }
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
        /** {@code found[literal] == stamp} when the literal occurs in the current line. */
        private final int[] found = new int[literals.literalCount()];
        private int stamp;
        private long budgetFailures;

        private Scan(Consumer<IndicationHit> sink) {
            this.sink = sink;
            this.keep = multiLine.stream().mapToInt(Compiled::window).max().orElse(0);
        }

        public void accept(LogLine line) {
            String text = line.text();
            int stamp = nextStamp();
            literals.scan(text, found, stamp);
            for (Compiled c : singleLine) {
                if (c.mayMatch(text, found, stamp) && findChecked(c.regex(), text)) {
                    sink.accept(new IndicationHit(c.knownError(), c.indication(), List.of(line)));
                }
            }
            if (keep == 0) {
                return;
            }
            for (Iterator<PendingWindow> it = pending.iterator(); it.hasNext(); ) {
                PendingWindow window = it.next();
                window.lines.add(line);
                if (window.lines.size() == window.size) {
                    window.evaluate();
                    it.remove();
                }
            }
            for (Compiled c : multiLine) {
                if (c.mayMatch(text, found, stamp) && !alreadyPending(c)) {
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

        /** A fresh mark for this line's literals, so {@link #found} never needs clearing between lines. */
        private int nextStamp() {
            if (stamp == Integer.MAX_VALUE) {
                Arrays.fill(found, 0);
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
            for (PendingWindow window : pending) {
                window.evaluate();
            }
            pending.clear();
        }

        /** How many (pattern, line) pairs were abandoned because the regex exceeded its budget. */
        public long budgetFailures() {
            return budgetFailures;
        }

        private boolean find(BoundedRegex regex, String text, String lower) {
            try {
                return regex.find(text, lower);
            } catch (RegexBudgetExceededException e) {
                budgetFailures++;
                return false;
            }
        }

        /** For a line whose required literal has been seen already. */
        private boolean findChecked(BoundedRegex regex, String text) {
            try {
                return regex.findWithoutPrecheck(text);
            } catch (RegexBudgetExceededException e) {
                budgetFailures++;
                return false;
            }
        }

        private final class PendingWindow {
            final Compiled compiled;
            final List<LogLine> lines = new ArrayList<>();
            int size;

            PendingWindow(Compiled compiled) {
                this.compiled = compiled;
            }

            void evaluate() {
                var joined = new StringBuilder();
                for (LogLine l : lines) {
                    if (!joined.isEmpty()) {
                        joined.append('\n');
                    }
                    joined.append(l.text());
                }
                String text = joined.toString();
                if (find(compiled.regex(), text, text.toLowerCase(Locale.ROOT))) {
                    sink.accept(new IndicationHit(compiled.knownError(), compiled.indication(), lines));
                }
            }
        }
    }
}
