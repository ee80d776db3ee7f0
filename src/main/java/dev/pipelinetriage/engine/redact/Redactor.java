package dev.pipelinetriage.engine.redact;

import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.domain.RedactedText;
import dev.pipelinetriage.engine.text.LiteralAutomaton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Thread-safe; build one and share it (only its {@link KnownSecrets} may gain values). Private key blocks span lines, so text that belongs together
 * goes through {@link #redactLines}, {@link #redactLogLines} or one {@link #newStream()} per log, never through
 * {@link #redactLine} line by line.
 */
public final class Redactor {

    private final Rules rules;
    private final KnownSecrets known;

    /** A redactor with the built-in rules (GitHub, GitLab, Slack, AWS, Azure, Google, npm, PyPI, Docker, ...). */
    public Redactor() {
        this(new KnownSecrets());
    }

    /** The built-in rules, and the bot's own credentials hidden by value ({@code known} may gain values later). */
    public Redactor(KnownSecrets known) {
        this(DefaultRules.RULES, DefaultRules.COMMAND_LINES, known);
    }

    Redactor(List<Rule> rules, CommandLines commandLines) {
        this(rules, commandLines, new KnownSecrets());
    }

    private Redactor(List<Rule> rules, CommandLines commandLines, KnownSecrets known) {
        this.rules = Rules.of(rules, commandLines);
        this.known = Objects.requireNonNull(known, "known");
    }

    /**
     * The rules, and what lets most lines skip them: every rule's trigger literals, found in one pass per line (a line
     * holding none of them runs only the few rules that have none, which are hand-written scans; a line holding some
     * runs only the rules whose literals it holds).
     *
     * @param rulesByState per state of {@code triggers}, the set (bit {@code r}) of the rules whose literals end there
     */
    private record Rules(List<Rule> all, List<Rule> untriggered, LiteralAutomaton triggers, long[] rulesByState,
            long untriggeredSet, CommandLines commandLines) {

        static Rules of(List<Rule> rules, CommandLines commandLines) {
            if (rules.size() > Long.SIZE) {
                throw new IllegalArgumentException(rules.size() + " rules do not fit a 64-bit set");
            }
            List<String> literals = rules.stream().flatMap(rule -> rule.trigger().literals().stream()).distinct().toList();
            long[] rulesOfLiteral = new long[literals.size()];
            long untriggered = 0;
            for (int r = 0; r < rules.size(); r++) {
                for (String literal : rules.get(r).trigger().literals()) {
                    rulesOfLiteral[literals.indexOf(literal)] |= 1L << r;
                }
                if (rules.get(r).trigger().isAlways()) {
                    untriggered |= 1L << r;
                }
            }
            var triggers = new LiteralAutomaton(literals);
            return new Rules(List.copyOf(rules), rules.stream().filter(rule -> rule.trigger().isAlways()).toList(),
                    triggers, triggers.unionByState(rulesOfLiteral), untriggered, commandLines);
        }

        /** The rules that may change {@code text}: those whose literals it holds, and those without literals. */
        long mayApply(String text) {
            return triggers.union(text, rulesByState) | untriggeredSet;
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

    /**
     * As {@link #redactLines}, keeping each line's original number. Lines are taken as consecutive. Also the way back
     * in for lines stored redacted (a card read from the store): redacting them again changes nothing, or hides
     * what rules added since they were stored.
     */
    public List<RedactedLine> redactLogLines(List<LogLine> lines) {
        RedactionStream stream = newStream();
        List<RedactedLine> out = new ArrayList<>(lines.size());
        for (LogLine line : lines) {
            out.add(new RedactedLine(line.number(), stream.redact(line.text())));
        }
        return List.copyOf(out);
    }

    /** Redacts text from a log that is not one of its lines, such as a step's name, as {@link #redactLine} does. */
    public RedactedText redactText(String text) {
        return new RedactedText(redactLine(text));
    }

    /** Lazily redacts a stream of consecutive lines, e.g. a whole log read with {@code BufferedReader.lines()}. */
    public Stream<String> redact(Stream<String> lines) {
        RedactionStream stream = newStream();
        return lines.sequential().map(stream::redact);
    }

    /** A fresh cursor for one log: remembers across lines whether a private key block is open. */
    public RedactionStream newStream() {
        return new RedactionStream(rules, known);
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
        /** What earlier lines left open when each observed line was read; only lines with something open are here. */
        private final Map<Integer, Context> observed = new HashMap<>();

        private final KnownSecrets known;

        private RedactionStream(Rules rules, KnownSecrets known) {
            this.rules = rules;
            this.known = known;
        }

        /**
         * What lines read before one left open that bears on how it is redacted: a private key block, a multi-line
         * value, a command whose options continue on it.
         */
        private record Context(boolean insidePrivateKey, MultiLineValues multiLineValues, CommandOptions continuing) {
            static final Context NONE = new Context(false, new MultiLineValues(), null);
        }

        /** Redacts the next line of the log. */
        public String redact(String line) {
            Objects.requireNonNull(line, "line");
            Context before = context();
            advance(line);
            return redactIn(before, line);
        }

        /**
         * Reads the next line of the log, numbered {@code number}, for what spans lines (a private key block, a
         * multi-line value, a continued command, an {@code ::add-mask::} value) without redacting it: most lines
         * of a log never leave the process, and only those that do need redacting, with {@link #redactKept}. A line
         * that is {@code overLong} is about to be cut, so it is redacted whole now, before the cut could split a
         * secret into pieces that no longer look like one.
         */
        public String observe(int number, String line, boolean overLong) {
            Objects.requireNonNull(line, "line");
            Context before = context();
            if (before != Context.NONE) {
                observed.put(number, before);
            }
            advance(line);
            return overLong ? redactIn(before, line) : line;
        }

        /**
         * Redacts what was kept of an observed line (its text, or what is left of it after a cut), as
         * the lines before it left things, hiding every {@code ::add-mask::} value of the whole log, also those
         * registered after it. Redacting a line twice gives the same text as once.
         */
        public RedactedLine redactKept(LogLine line) {
            return new RedactedLine(line.number(), redactIn(observed.getOrDefault(line.number(), Context.NONE), line.text()));
        }

        /** Text of this log that is not one of its lines (a step's name), hiding every {@code ::add-mask::} value too. */
        public RedactedText redactText(String text) {
            return new RedactedText(addedMasks.redactAgain(new RedactionStream(rules, known).redact(text)));
        }

        private Context context() {
            return !insidePrivateKey && continuing == null && multiLineValues.isIdle() ? Context.NONE
                    : new Context(insidePrivateKey, multiLineValues.copy(), continuing);
        }

        /** Moves what spans lines past {@code line}. */
        private void advance(String line) {
            addedMasks.register(line);
            PrivateKeyBlocks.Step step = PrivateKeyBlocks.redact(line, insidePrivateKey);
            insidePrivateKey = step.open();
            multiLineValues.redact(step.text());
            continuing = continuedCommand(line);
        }

        /** Redacts one line as {@code context} says the lines before it left things. */
        private String redactIn(Context context, String line) {
            // The bot's own credentials first, whole: a rule below could otherwise hide part of one and leave the rest.
            String own = known.isEmpty() ? line : known.hide(line);
            String text = PrivateKeyBlocks.redact(addedMasks.redactAgain(own), context.insidePrivateKey()).text();
            text = context.multiLineValues().copy().redact(text);
            if (context.continuing() != null) {
                text = rules.commandLines().continuation(text, context.continuing());
            }
            long mayApply = rules.mayApply(text);
            if (mayApply == rules.untriggeredSet()) {
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
                if ((mayApply & (1L << r)) == 0) {
                    continue; // none of its literals: the rule would leave the line as it is
                }
                String next = all.get(r).apply(text, lower);
                if (next != text) {
                    text = next;
                    lower = Ascii.toLowerCase(text);
                    mayApply = rules.mayApply(text); // the marker may hold a literal, and the secret held others
                }
            }
            return text;
        }

        /** The command this line's options continue on the next line: the one still open, or one named here. */
        private CommandOptions continuedCommand(String line) {
            if (!ContinuedLine.continues(line)) {
                return null;
            }
            return continuing != null ? continuing : rules.commandLines().continuedBy(line);
        }

        /** Whether the last line left a private key block open (its END footer not seen yet). */
        public boolean insidePrivateKey() {
            return insidePrivateKey;
        }
    }
}
