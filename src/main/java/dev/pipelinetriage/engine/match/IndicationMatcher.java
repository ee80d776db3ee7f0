package dev.pipelinetriage.engine.match;

import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.LogLine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The knowledge base's regex indications, compiled once, scanned over a log line by line. Phrase
 * indications are not handled here: they are the search index's job.
 *
 * <p>A multi-line indication is tried around every line that holds its required literal (or every line when
 * it has none): on the {@code maxLines - 1} lines before it, the line and the {@code maxLines - 1} lines after
 * it, so any match spanning at most {@code maxLines} lines through that line is found. A scan keeps at most
 * a few windows of lines in memory.
 */
public final class IndicationMatcher {

    private record Compiled(KnownError knownError, Indication indication, BoundedRegex regex, int window) {
    }

    private final List<Compiled> singleLine;
    private final List<Compiled> multiLine;
    private final boolean anyIgnoresCase;

    /** Compiles every regex indication; a pattern that does not compile throws with the entry's id. */
    public IndicationMatcher(List<KnownError> entries) {
        var single = new ArrayList<Compiled>();
        var multi = new ArrayList<Compiled>();
        boolean ignoreCase = false;
        for (KnownError entry : entries) {
            for (Indication indication : entry.indications()) {
                switch (indication) {
                    case Indication.LineRegex r -> single.add(new Compiled(entry, r, compile(entry, r.pattern()), 1));
                    case Indication.MultiLineRegex r ->
                            multi.add(new Compiled(entry, r, compile(entry, r.pattern()), r.maxLines()));
                    case Indication.Phrase ignored -> {
                        // matched by the KnowledgeIndex
                    }
                }
                if (indication instanceof Indication.LineRegex r && r.pattern().startsWith("(?i)")
                        || indication instanceof Indication.MultiLineRegex m && m.pattern().startsWith("(?i)")) {
                    ignoreCase = true;
                }
            }
        }
        this.singleLine = List.copyOf(single);
        this.multiLine = List.copyOf(multi);
        this.anyIgnoresCase = ignoreCase;
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
        private long budgetFailures;

        private Scan(Consumer<IndicationHit> sink) {
            this.sink = sink;
            this.keep = multiLine.stream().mapToInt(Compiled::window).max().orElse(0);
        }

        public void accept(LogLine line) {
            String text = line.text();
            String lower = anyIgnoresCase ? text.toLowerCase(Locale.ROOT) : null;
            for (Compiled c : singleLine) {
                if (find(c.regex(), text, lower)) {
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
                boolean anchors = c.regex().requiredLiteral()
                        .map(literal -> (c.regex().pattern().startsWith("(?i)") ? lower : text).contains(literal))
                        .orElse(true);
                if (anchors && !alreadyPending(c)) {
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
