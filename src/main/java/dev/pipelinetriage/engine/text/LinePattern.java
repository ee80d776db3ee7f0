package dev.pipelinetriage.engine.text;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Optional;

/**
 * A regular expression that finds its match in time linear in the text, whatever the pattern and the text: it runs
 * on RE2/J, an automaton engine that never backtracks, so no budget, clock or stack depth is needed to keep a
 * hostile pattern or line from hanging or crashing the process (java.util.regex recurses and backtracks; one 3 KB
 * line can overflow its stack).
 *
 * <p>The syntax is java.util.regex's without what no automaton can run: look-ahead and look-behind, back-references,
 * possessive quantifiers and atomic groups are refused at {@link #compile}, with the reason. {@code (?i)} folds case
 * (Unicode simple folding, where java.util.regex folds ASCII only; a literal prefilter that folds ASCII only, like
 * {@link LiteralAutomaton}, keeps the old behaviour); {@code .} does not match {@code \n}; {@code ^} and {@code $}
 * mean the start and end of the text (so of a line, or of a multi-line window unless {@code (?m)} is set).
 *
 * <p>A match is found by a lazy DFA ({@link LazyDfa}): one table read per character once the text has met the states it
 * needs, where RE2/J's own engine follows every open path per character. RE2/J stays the reference and the fallback:
 * it runs a pattern the DFA's parser does not read ({@link RegexParser}), and any text once the DFA of a pattern has
 * reached its memory bound. Both are linear in the text.
 *
 * <p>The literal every match contains, when one can be proven from the pattern, is offered for a prefilter: a caller
 * scanning many lines for many patterns finds the literals in one pass ({@link LiteralAutomaton}) and runs only the
 * patterns whose literal a line holds. Immutable and thread-safe.
 */
public final class LinePattern {

    private final String regex;
    /** RE2/J's compiled pattern, kept once a text needs it (a DFA that is full, or {@link #end}); null until then. */
    private volatile Pattern pattern;
    private final String requiredLiteral;
    private final boolean ignoresCase;
    /** For a pattern anchored at the start, the character its match must begin with after leading space; or null. */
    private final LeadingCharacter leading;
    /**
     * The pattern's DFA, built when the pattern first runs (most of a knowledge base's never do on a given log):
     * null until then, then the DFA, or {@link #NO_DFA} when the pattern uses what the DFA's parser leaves to RE2/J.
     */
    private volatile Object dfa;
    private static final Object NO_DFA = new Object();
    /** What the DFA takes its memory from besides its own bound, or null. */
    private final DfaMemory memory;

    private LinePattern(String regex, String requiredLiteral, boolean ignoresCase, LeadingCharacter leading,
            DfaMemory memory) {
        this.regex = regex;
        this.requiredLiteral = requiredLiteral;
        this.ignoresCase = ignoresCase;
        this.leading = leading;
        this.memory = memory;
    }

    /**
     * Compiles {@code regex}.
     *
     * @throws UnsupportedPatternException when the pattern does not parse or needs a construct the linear-time engine
     *     cannot run; the message says which and how to rewrite it
     */
    public static LinePattern compile(String regex) {
        return compile(regex, null);
    }

    /**
     * Compiles {@code regex} for a group of patterns whose DFAs share {@code memory} (a knowledge base's): the group's
     * memory stays bounded whatever the logs; each DFA is bounded on its own too (1 MB).
     *
     * @throws UnsupportedPatternException as {@link #compile(String)}
     */
    public static LinePattern compile(String regex, DfaMemory memory) {
        try {
            Pattern.compile(regex); // the reference: what it refuses is refused (it is compiled again if ever needed)
        } catch (PatternSyntaxException e) {
            throw new UnsupportedPatternException(regex, why(regex, e));
        }
        boolean ignoresCase = regex.startsWith("(?i)");
        return new LinePattern(regex, RequiredLiteral.of(regex).orElse(null), ignoresCase,
                LeadingCharacter.of(regex).orElse(null), memory);
    }

    /** RE2/J's pattern, compiled on first use. */
    private Pattern reference() {
        Pattern compiled = pattern;
        if (compiled == null) {
            compiled = Pattern.compile(regex);
            pattern = compiled; // a race compiles it twice, to the same pattern
        }
        return compiled;
    }

    /** The DFA, built on first use; null when the pattern stays with RE2/J alone. */
    private LazyDfa dfa() {
        Object built = dfa;
        if (built == null) {
            synchronized (this) {
                built = dfa;
                if (built == null) {
                    built = dfaOf(regex, memory);
                    dfa = built;
                }
            }
        }
        return built instanceof LazyDfa lazy ? lazy : null;
    }

    private static Object dfaOf(String regex, DfaMemory memory) {
        try {
            return RegexParser.parse(regex).<Object>map(node -> new LazyDfa(Nfa.of(node), memory)).orElse(NO_DFA);
        } catch (IllegalArgumentException e) {
            return NO_DFA; // more instructions than the DFA takes, or case folding left to RE2/J
        }
    }

    /** Whether matches are found by the DFA (else by RE2/J's engine alone); for tests. */
    boolean runsOnDfa() {
        return dfa() != null;
    }

    /** The pattern as written. */
    public String regex() {
        return regex;
    }

    /**
     * True when the pattern matches somewhere in {@code text}; linear in the text's length. A pattern anchored at the
     * start ({@code ^\s{0,6}\d+\) }) first checks the character after the leading space, which is all most lines
     * cost it.
     */
    public boolean find(CharSequence text) {
        if (leading != null && !leading.admits(text)) {
            return false;
        }
        LazyDfa lazy = dfa();
        if (lazy != null) {
            switch (lazy.find(text)) {
                case MATCH -> {
                    return true;
                }
                case NO_MATCH -> {
                    return false;
                }
                case UNKNOWN -> {
                    // the DFA is full: RE2/J's engine answers
                }
            }
        }
        return reference().matcher(text).find();
    }

    /**
     * Where the match found first ends in {@code text}, or -1 when there is none; linear in the text's length. Of the
     * matches starting at the leftmost position, the engine prefers what java.util.regex would (greedy quantifiers take
     * as much as they can), so {@code ^.*x} ends after the last {@code x}.
     */
    public int end(CharSequence text) {
        if (!find(text)) {
            return -1; // the DFA says so at a table read per character; RE2/J's engine only finds where it ends
        }
        var matcher = reference().matcher(text);
        return matcher.find() ? matcher.end() : -1;
    }

    /**
     * True when {@code text} holds the required literal (if any, ASCII case folded for {@code (?i)}) and the pattern
     * matches in it: for a caller with one pattern; many patterns share one {@link LiteralAutomaton} pass instead.
     */
    public boolean findWithPrecheck(String text) {
        if (requiredLiteral != null) {
            String haystack = ignoresCase ? LiteralAutomaton.fold(text) : text;
            if (!haystack.contains(ignoresCase ? LiteralAutomaton.fold(requiredLiteral) : requiredLiteral)) {
                return false;
            }
        }
        return find(text);
    }

    /** The literal every match contains, as written in the pattern, if one of 3 or more characters can be proven. */
    public Optional<String> requiredLiteral() {
        return Optional.ofNullable(requiredLiteral);
    }

    /** Whether the pattern starts with {@code (?i)}, so its literal is to be found regardless of case. */
    public boolean ignoresCase() {
        return ignoresCase;
    }

    @Override
    public String toString() {
        return "/" + regex + "/";
    }

    /** The reason a pattern is refused, in words that say how to rewrite it. */
    private static String why(String regex, PatternSyntaxException e) {
        if (regex.contains("(?=") || regex.contains("(?!") || regex.contains("(?<=") || regex.contains("(?<!")) {
            return "uses look-around ((?=, (?!, (?<=, (?<!), which a linear-time engine cannot run; match the text"
                    + " itself instead (a negated class such as [^l1] for 'not starting with', or a second indication)";
        }
        if (regex.contains("(?>")) {
            return "uses an atomic group (?>...), which a linear-time engine cannot run and does not need; use (?:...)";
        }
        if (regex.matches("(?s).*(?<!\\\\)[*+?}]\\+.*")) {
            return "uses a possessive quantifier (*+, ++, ?+, {n,m}+), which a linear-time engine cannot run and does"
                    + " not need; drop the second +";
        }
        if (regex.matches("(?s).*\\\\[1-9k].*")) {
            return "uses a back-reference, which no linear-time engine can run; spell the repeated text out";
        }
        return "is not a regular expression the linear-time engine accepts: " + e.getDescription();
    }
}
