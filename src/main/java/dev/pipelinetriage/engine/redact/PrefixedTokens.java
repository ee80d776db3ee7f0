package dev.pipelinetriage.engine.redact;

import java.util.ArrayList;
import java.util.List;

/**
 * Every prefixed token format of the inventory in one pass over a line, without a regex: at each place a token may
 * start (a word start, or right after an escape), the formats whose prefix begins with the two characters there are
 * compared there, and a prefix that matches has its body checked against the format's alphabet and length. Where two formats
 * share a start ({@code sk-} and {@code sk-ant-api03-}) the longer token wins.
 *
 * <p>Its trigger is {@link Trigger#always()}: some prefixes ({@code sk-}, {@code pat}) occur, case aside, in most
 * lines and would send every line through every rule if they joined the redactor's shared trigger literals; this
 * pass costs about what that shared check does.
 */
final class PrefixedTokens implements Rule {

    /**
     * Per first two characters (ASCII, {@code 128 * first + second}), the formats whose prefix starts with them, longer
     * prefixes first; or null.
     */
    private final TokenFormat[][] byFirstTwo = new TokenFormat[128 * 128][];

    PrefixedTokens(List<TokenFormat> inventory) {
        List<List<TokenFormat>> buckets = new ArrayList<>();
        for (int c = 0; c < byFirstTwo.length; c++) {
            buckets.add(new ArrayList<>());
        }
        for (TokenFormat format : inventory) {
            String prefix = format.prefix();
            if (prefix.length() < 2 || prefix.charAt(0) >= 128 || prefix.charAt(1) >= 128) {
                throw new IllegalArgumentException("format " + format.kind() + " needs a prefix of two ASCII characters or more");
            }
            buckets.get(128 * prefix.charAt(0) + prefix.charAt(1)).add(format);
        }
        for (int c = 0; c < byFirstTwo.length; c++) {
            List<TokenFormat> bucket = buckets.get(c);
            bucket.sort((a, b) -> Integer.compare(b.prefix().length(), a.prefix().length()));
            byFirstTwo[c] = bucket.isEmpty() ? null : bucket.toArray(TokenFormat[]::new);
        }
    }

    @Override
    public String apply(String line, String lowerLine) {
        Spans spans = null;
        Runs runs = null;
        int i = 0;
        int last = line.length() - 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            char second = i < last ? line.charAt(i + 1) : 0;
            TokenFormat[] candidates = c < 128 && second < 128 ? byFirstTwo[128 * c + second] : null;
            int end = -1;
            String kind = null;
            if (candidates != null) {
                for (TokenFormat format : candidates) {
                    // a whole prefix is rare where two characters of one are not; only then is the place looked at
                    if (restOfPrefixAt(line, i, format.prefix())) {
                        if (!Glue.tokenMayStartAt(line, i)) {
                            break;
                        }
                        runs = runs == null ? new Runs() : runs;
                        int tokenEnd = format.end(line, i, runs.end(line, format.body(), i + format.prefix().length()));
                        if (tokenEnd > end) {
                            end = tokenEnd;
                            kind = format.kind();
                        }
                    }
                }
            }
            if (end > 0) {
                if (spans == null) {
                    spans = new Spans();
                }
                spans.add(i, end, kind);
                i = end;
            } else {
                i++;
            }
        }
        return spans == null ? line : spans.applyTo(line);
    }

    /** Whether {@code prefix}, whose first two characters are at {@code at}, goes on there (startsWith, unrolled). */
    private static boolean restOfPrefixAt(String line, int at, String prefix) {
        int length = prefix.length();
        if (at + length > line.length()) {
            return false;
        }
        for (int k = 2; k < length; k++) {
            if (line.charAt(at + k) != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Trigger trigger() {
        return Trigger.always();
    }

    /**
     * The last run read per alphabet: a candidate inside a run already read ends where it did, so a line of
     * {@code pat_pat_pat_...} costs one read of the run, not one per candidate.
     */
    private static final class Runs {
        private final int[] from = new int[TokenFormat.Alphabet.values().length];
        private final int[] end = new int[from.length];

        int end(String line, TokenFormat.Alphabet alphabet, int start) {
            int a = alphabet.ordinal();
            if (end[a] <= start || from[a] > start) {
                from[a] = start;
                end[a] = alphabet.runEnd(line, start);
            }
            return end[a];
        }
    }
}
