package dev.pipelinetriage.engine.match;

import java.util.Locale;
import dev.pipelinetriage.engine.text.RequiredLiteral;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A compiled knowledge-base regex that cannot hang the process. java.util.regex backtracks, so a hostile
 * pattern or line could take exponential time; every match reads the input through a counting view and
 * gives up once it has read {@code budget} characters (Jenkins' Build Failure Analyzer interrupts a regex
 * after a second for the same reason -- a step budget is deterministic where a clock is not).
 *
 * <p>A cheap literal pre-check skips the regex entirely on lines that cannot match, which is what keeps
 * scanning a large log fast.
 */
public final class BoundedRegex {

    /** Character reads allowed per line; linear patterns need a few times the line length. */
    public static final long DEFAULT_BUDGET = 200_000;

    private final Pattern pattern;
    private final long budget;
    private final String requiredLiteral;
    private final boolean literalIgnoresCase;

    private BoundedRegex(Pattern pattern, long budget, String requiredLiteral, boolean literalIgnoresCase) {
        this.pattern = pattern;
        this.budget = budget;
        this.requiredLiteral = requiredLiteral;
        this.literalIgnoresCase = literalIgnoresCase;
    }

    /** Compiles {@code regex}; throws {@link PatternSyntaxException} with the position of a syntax error. */
    public static BoundedRegex compile(String regex) {
        return compile(regex, DEFAULT_BUDGET);
    }

    public static BoundedRegex compile(String regex, long budget) {
        Pattern pattern = Pattern.compile(regex);
        boolean ignoreCase = (pattern.flags() & Pattern.CASE_INSENSITIVE) != 0 || regex.startsWith("(?i)");
        String literal = RequiredLiteral.of(regex).orElse(null);
        if (literal != null && ignoreCase) {
            literal = literal.toLowerCase(Locale.ROOT);
        }
        return new BoundedRegex(pattern, budget, literal, ignoreCase);
    }

    public String pattern() {
        return pattern.pattern();
    }

    /** The literal every match must contain, if one could be proven from the pattern text. */
    public Optional<String> requiredLiteral() {
        return Optional.ofNullable(requiredLiteral);
    }

    /** Whether {@link #requiredLiteral()} is to be found regardless of ASCII case (the pattern starts with (?i)). */
    boolean literalIgnoresCase() {
        return literalIgnoresCase;
    }

    /**
     * True when the pattern finds a match in {@code text}. {@code lowerCaseText} is the same text lower-cased
     * (computed once per line by the caller) or null.
     *
     * @throws RegexBudgetExceededException when the match needs more work than the budget allows
     */
    public boolean find(String text, String lowerCaseText) {
        if (requiredLiteral != null) {
            String haystack = literalIgnoresCase
                    ? (lowerCaseText != null ? lowerCaseText : text.toLowerCase(Locale.ROOT))
                    : text;
            if (!haystack.contains(requiredLiteral)) {
                return false;
            }
        }
        return findWithoutPrecheck(text);
    }

    /** As {@link #find(String)}, for a caller that has already seen the required literal in {@code text}. */
    boolean findWithoutPrecheck(String text) {
        return findWithoutPrecheck(text, new long[1]);
    }

    /**
     * As {@link #findWithoutPrecheck(String)}, adding the character reads the attempt took to {@code spent[0]},
     * also when it gives up: a scan charges them against its whole-log budget.
     */
    boolean findWithoutPrecheck(String text, long[] spent) {
        var counted = new CountingCharSequence(text, budget, pattern.pattern());
        Matcher m = pattern.matcher(counted);
        try {
            return m.find();
        } catch (StackOverflowError e) {
            // java.util.regex recurses per repetition of some groups; a deep recursion is the same hazard.
            throw new RegexBudgetExceededException(pattern.pattern(), budget);
        } finally {
            spent[0] += counted.used();
        }
    }

    /**
     * The character reads one {@code find()} over {@code text} takes, without the literal pre-check: the
     * deterministic cost measure the budget is kept in, for checks that bound a pattern's worst case.
     *
     * @throws RegexBudgetExceededException when the reads exceed the budget
     */
    public long steps(String text) {
        long[] spent = new long[1];
        findWithoutPrecheck(text, spent);
        return spent[0];
    }

    /** The character reads allowed per line. */
    public long budget() {
        return budget;
    }

    public boolean find(String text) {
        return find(text, null);
    }

    /** Reads through to the wrapped text and counts every read against the budget. */
    private static final class CountingCharSequence implements CharSequence {
        private final String text;
        private final long[] remaining;
        private final String pattern;
        private final long budget;
        private final int offset;
        private final int length;

        CountingCharSequence(String text, long budget, String pattern) {
            this(text, new long[] {budget}, pattern, budget, 0, text.length());
        }

        private CountingCharSequence(String text, long[] remaining, String pattern, long budget, int offset, int length) {
            this.text = text;
            this.remaining = remaining;
            this.pattern = pattern;
            this.budget = budget;
            this.offset = offset;
            this.length = length;
        }

        /** Reads taken so far through this view and every sub-sequence of it. */
        long used() {
            return budget - Math.max(0, remaining[0]);
        }

        @Override
        public char charAt(int index) {
            if (--remaining[0] < 0) {
                throw new RegexBudgetExceededException(pattern, budget);
            }
            return text.charAt(offset + index);
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new CountingCharSequence(text, remaining, pattern, budget, offset + start, end - start);
        }

        @Override
        public String toString() {
            return text.substring(offset, offset + length);
        }
    }
}
