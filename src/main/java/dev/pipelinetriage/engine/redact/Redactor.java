package dev.pipelinetriage.engine.redact;

import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.engine.text.LiteralAutomaton;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Replaces secrets in log text with {@code [REDACTED:kind]} markers, before anything is cut or shown.
 *
 * <p>Guarantees: no character of a recognized secret survives (markers never keep a prefix or suffix of the value;
 * the kind in the marker says what it was); keys, user names, URL schemes and hosts around a secret stay readable;
 * output has the same number of lines as input, each derived from its own input line; redacting twice gives the
 * same text as redacting once; time is linear in the input.
 *
 * <p>Thread-safe and immutable; build one and share it. Private key blocks span lines, so text that belongs together
 * goes through {@link #redactLines}, {@link #redactLogLines} or one {@link #newStream()} per log, never through
 * {@link #redactLine} line by line.
 */
public final class Redactor {

    private final Rules rules;

    /** A redactor with the built-in rules (GitHub, GitLab, Slack, AWS, Azure, Google, npm, PyPI, Docker, ...). */
    public Redactor() {
        this(DefaultRules.RULES, DefaultRules.COMMAND_LINES);
    }

    Redactor(List<Rule> rules, CommandLines commandLines) {
        this.rules = Rules.of(rules, commandLines);
    }

    /**
     * The rules, and what lets most lines skip them: every rule's trigger literals, found in one pass per line (a line
     * holding none of them runs only the few rules that have none, which are hand-written scans; a line holding some
     * runs only the rules whose literals it holds).
     *
     * @param literalsOf per rule, the ids of its trigger's literals in {@code triggers}; empty for a rule without one
     */
    private record Rules(List<Rule> all, List<Rule> untriggered, LiteralAutomaton triggers, int[][] literalsOf,
            CommandLines commandLines) {

        static Rules of(List<Rule> rules, CommandLines commandLines) {
            List<String> literals = rules.stream().flatMap(rule -> rule.trigger().literals().stream()).distinct().toList();
            int[][] literalsOf = rules.stream()
                    .map(rule -> rule.trigger().literals().stream().mapToInt(literals::indexOf).toArray())
                    .toArray(int[][]::new);
            return new Rules(List.copyOf(rules), rules.stream().filter(rule -> rule.trigger().isAlways()).toList(),
                    new LiteralAutomaton(literals), literalsOf, commandLines);
        }

        /** Whether rule {@code r} may change a line whose literals are marked {@code found[id] == stamp}. */
        boolean mayApply(int r, int[] found, int stamp) {
            int[] ids = literalsOf[r];
            if (ids.length == 0) {
                return true;
            }
            for (int id : ids) {
                if (found[id] == stamp) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Redacts one self-contained line; an unterminated private key header hides the rest of this line only. */
    public String redactLine(String line) {
        return newStream().redact(line);
    }

    /** Redacts consecutive lines of one log or excerpt; a private key cut off at the end is hidden to the end. */
    public List<String> redactLines(List<String> lines) {
        RedactionStream stream = newStream();
        List<String> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            out.add(stream.redact(line));
        }
        return List.copyOf(out);
    }

    /** As {@link #redactLines}, keeping each line's original number. Lines are taken as consecutive. */
    public List<LogLine> redactLogLines(List<LogLine> lines) {
        RedactionStream stream = newStream();
        List<LogLine> out = new ArrayList<>(lines.size());
        for (LogLine line : lines) {
            out.add(line.withText(stream.redact(line.text())));
        }
        return List.copyOf(out);
    }

    /** Lazily redacts a stream of consecutive lines, e.g. a whole log read with {@code BufferedReader.lines()}. */
    public Stream<String> redact(Stream<String> lines) {
        RedactionStream stream = newStream();
        return lines.sequential().map(stream::redact);
    }

    /** A fresh cursor for one log: remembers across lines whether a private key block is open. */
    public RedactionStream newStream() {
        return new RedactionStream(rules);
    }

    /**
     * Redacts the lines of one log in order. Not thread-safe: one per log, used by one thread at a time.
     */
    public static final class RedactionStream {

        private final Rules rules;
        private final AddedMasks addedMasks = new AddedMasks();
        private final MultiLineValues multiLineValues = new MultiLineValues();
        private boolean insidePrivateKey;
        /** The command whose options the previous line continued onto this one, if any. */
        private CommandOptions continuing;
        /** {@code found[id] == stamp} when trigger literal {@code id} occurs in the text being redacted. */
        private final int[] found;
        private int stamp;

        private RedactionStream(Rules rules) {
            this.rules = rules;
            this.found = new int[rules.triggers().literalCount()];
        }

        /** Redacts the next line of the log. */
        public String redact(String line) {
            Objects.requireNonNull(line, "line");
            PrivateKeyBlocks.Step step = PrivateKeyBlocks.redact(addedMasks.redact(line), insidePrivateKey);
            insidePrivateKey = step.open();
            String text = multiLineValues.redact(step.text());
            if (continuing != null) {
                text = rules.commandLines().continuation(text, continuing);
            }
            continuing = continuedCommand(line);
            if (!findTriggers(text)) {
                // No rule's trigger (most lines): only the scans without one could change the line, and they do
                // not read the lower-cased copy, so none is made.
                for (Rule rule : rules.untriggered()) {
                    text = rule.apply(text, text);
                }
                return text;
            }
            String lower = Ascii.toLowerCase(text);
            List<Rule> all = rules.all();
            for (int r = 0; r < all.size(); r++) {
                if (!rules.mayApply(r, found, stamp)) {
                    continue; // none of its literals: the rule would leave the line as it is
                }
                String next = all.get(r).apply(text, lower);
                if (next != text) {
                    text = next;
                    lower = Ascii.toLowerCase(text);
                    findTriggers(text); // the marker may hold a literal, and the secret held others
                }
            }
            return text;
        }

        /** Marks the trigger literals {@code text} holds with a new stamp; whether there is any. */
        private boolean findTriggers(String text) {
            if (stamp == Integer.MAX_VALUE) {
                java.util.Arrays.fill(found, 0);
                stamp = 0;
            }
            stamp++;
            return rules.triggers().scan(text, found, stamp);
        }

        /** The command this line's options continue on the next line: the one still open, or one named here. */
        private CommandOptions continuedCommand(String line) {
            if (!ContinuedLine.continues(line)) {
                return null;
            }
            return continuing != null ? continuing : rules.commandLines().continuedBy(line);
        }

        /**
         * Hides, in a line read earlier, the values that later lines registered with {@code ::add-mask::}: for what
         * was kept of the log (an excerpt) once the whole log has been read.
         */
        public String redactAgain(String redactedLine) {
            return addedMasks.redactAgain(redactedLine);
        }

        /** Whether the last line left a private key block open (its END footer not seen yet). */
        public boolean insidePrivateKey() {
            return insidePrivateKey;
        }
    }
}
