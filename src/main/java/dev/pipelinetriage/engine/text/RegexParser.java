package dev.pipelinetriage.engine.text;

import dev.pipelinetriage.engine.text.RegexNode.Alternate;
import dev.pipelinetriage.engine.text.RegexNode.Assertion;
import dev.pipelinetriage.engine.text.RegexNode.Chars;
import dev.pipelinetriage.engine.text.RegexNode.Concat;
import dev.pipelinetriage.engine.text.RegexNode.Empty;
import dev.pipelinetriage.engine.text.RegexNode.Repeat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a pattern RE2/J has already accepted into a {@link RegexNode}, with RE2/J's meaning (Perl flags): {@code .}
 * is anything but '\n' unless {@code (?s)}; {@code ^} and {@code $} are the start and end of the text; {@code \d},
 * {@code \w}, {@code \s} and {@code \b} are ASCII; {@code (?i)} folds case as Unicode's simple folding does, before a
 * class is negated; a negated class matches '\n'. Anything less common ({@code (?m)}, {@code \p{..}}, octal escapes,
 * POSIX classes) is not read: the pattern then stays with RE2/J alone, so a misreading here cannot change a match.
 */
final class RegexParser {

    /** A construct this parser leaves to RE2/J. */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    private final String regex;
    private int pos;
    private boolean fold;
    private boolean dotAll;

    private RegexParser(String regex) {
        this.regex = regex;
    }

    /** The tree of {@code regex}, which must be valid for RE2/J; empty when it uses what this parser does not read. */
    static Optional<RegexNode> parse(String regex) {
        var parser = new RegexParser(regex);
        try {
            RegexNode node = parser.alternation();
            return parser.pos == regex.length() ? Optional.of(node) : Optional.empty();
        } catch (Unsupported | IndexOutOfBoundsException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private RegexNode alternation() {
        List<RegexNode> options = new ArrayList<>();
        options.add(concatenation());
        while (more() && peek() == '|') {
            pos++;
            options.add(concatenation());
        }
        return options.size() == 1 ? options.getFirst() : new Alternate(options);
    }

    private RegexNode concatenation() {
        List<RegexNode> parts = new ArrayList<>();
        while (more() && peek() != '|' && peek() != ')') {
            RegexNode atom = atom();
            if (atom != null) {
                parts.add(quantified(atom));
            }
        }
        return parts.isEmpty() ? new Empty() : parts.size() == 1 ? parts.getFirst() : new Concat(parts);
    }

    private RegexNode quantified(RegexNode atom) {
        RegexNode node = atom;
        while (more()) {
            char c = peek();
            int min;
            int max;
            int[] bounds = c == '{' ? braces() : null;
            if (c == '*' || c == '+' || c == '?') {
                pos++;
                min = c == '+' ? 1 : 0;
                max = c == '?' ? 1 : Repeat.UNBOUNDED;
            } else if (bounds != null) {
                pos = bounds[2];
                min = bounds[0];
                max = bounds[1];
            } else {
                return node;
            }
            if (more() && peek() == '?') {
                pos++; // lazy: the same strings match
            }
            node = new Repeat(node, min, max);
        }
        return node;
    }

    /** {min, max, index after} when a {n}, {n,} or {n,m} starts here; else null ('{' is then a literal). */
    private int[] braces() {
        int close = regex.indexOf('}', pos);
        if (close < 0) {
            return null;
        }
        String body = regex.substring(pos + 1, close);
        if (!body.matches("\\d{1,4}(?:,\\d{0,4})?")) {
            return null;
        }
        int comma = body.indexOf(',');
        int min = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
        int max = comma < 0 ? min : comma == body.length() - 1 ? Repeat.UNBOUNDED : Integer.parseInt(body.substring(comma + 1));
        return new int[] {min, max, close + 1};
    }

    /** The next atom, or null for a flag group such as {@code (?i)} that only changes how the rest reads. */
    private RegexNode atom() {
        int c = regex.codePointAt(pos);
        pos += Character.charCount(c);
        return switch (c) {
            case '(' -> group();
            case '[' -> new Chars(charClass());
            case '.' -> new Chars(dotAll ? CharRanges.ALL : CharRanges.single('\n').negate());
            case '^' -> new Assertion(Assertion.Kind.BEGIN_TEXT);
            case '$' -> new Assertion(Assertion.Kind.END_TEXT);
            case '\\' -> escape();
            default -> literal(c);
        };
    }

    private RegexNode group() {
        boolean savedFold = fold;
        boolean savedDotAll = dotAll;
        if (regex.startsWith("?", pos)) {
            pos++;
            if (regex.startsWith("P<", pos) || (regex.startsWith("<", pos) && !regex.startsWith("<=", pos)
                    && !regex.startsWith("<!", pos))) {
                pos = regex.indexOf('>', pos) + 1; // a named group: only its content matters
            } else if (flags()) {
                return null; // (?i): applies to the rest of the enclosing group
            }
        }
        RegexNode inside = alternation();
        expect(')');
        fold = savedFold;
        dotAll = savedDotAll;
        return inside;
    }

    /** Reads {@code flags)} or {@code flags:} after {@code (?}; true when the flags apply to the rest of the group. */
    private boolean flags() {
        boolean on = true;
        while (true) {
            char c = regex.charAt(pos++);
            switch (c) {
                case 'i' -> fold = on;
                case 's' -> dotAll = on;
                case 'U' -> {
                    // ungreedy: the same strings match
                }
                case '-' -> on = false;
                case ')' -> {
                    return true;
                }
                case ':' -> {
                    return false;
                }
                default -> throw new Unsupported(); // (?m), look-around and what RE2/J refuses anyway
            }
        }
    }

    private RegexNode escape() {
        char c = regex.charAt(pos++);
        return switch (c) {
            case 'b' -> new Assertion(Assertion.Kind.WORD_BOUNDARY);
            case 'B' -> new Assertion(Assertion.Kind.NOT_WORD_BOUNDARY);
            case 'A' -> new Assertion(Assertion.Kind.BEGIN_TEXT);
            case 'z' -> new Assertion(Assertion.Kind.END_TEXT);
            case 'Q' -> quoted();
            default -> {
                CharRanges group = perlGroup(c);
                yield group != null ? new Chars(group) : literal(escapedLiteral(c));
            }
        };
    }

    /** {@code \Q...\E}: every character as written. */
    private RegexNode quoted() {
        int end = regex.indexOf("\\E", pos);
        String text = regex.substring(pos, end < 0 ? regex.length() : end);
        pos = end < 0 ? regex.length() : end + 2;
        List<RegexNode> parts = new ArrayList<>();
        text.codePoints().forEach(cp -> parts.add(literal(cp)));
        return parts.isEmpty() ? new Empty() : parts.size() == 1 ? parts.getFirst() : new Concat(parts);
    }

    /** {@code \d \D \w \W \s \S}, case folded before a negation as RE2/J does; null for any other letter. */
    private CharRanges perlGroup(char c) {
        CharRanges positive = switch (Character.toLowerCase(c)) {
            case 'd' -> CharRanges.DIGIT;
            case 'w' -> CharRanges.WORD;
            case 's' -> CharRanges.SPACE;
            default -> null;
        };
        if (positive == null) {
            return null;
        }
        CharRanges set = fold ? positive.folded() : positive;
        return Character.isUpperCase(c) ? set.negate() : set;
    }

    /** The code point an escape other than a class or an assertion stands for. */
    private int escapedLiteral(char c) {
        return switch (c) {
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 'f' -> '\f';
            case 'v' -> 0x0B;
            case 'a' -> 0x07;
            case 'x' -> hex();
            default -> {
                if (c < 0x80 && !Character.isLetterOrDigit(c)) {
                    yield c; // escaped punctuation
                }
                throw new Unsupported(); // \p{..}, octal, and the like
            }
        };
    }

    /** {@code \xhh} or {@code \x{h...}}, after the 'x'. */
    private int hex() {
        if (regex.charAt(pos) == '{') {
            int close = regex.indexOf('}', pos);
            int value = Integer.parseInt(regex.substring(pos + 1, close), 16);
            pos = close + 1;
            return value;
        }
        int value = Integer.parseInt(regex.substring(pos, pos + 2), 16);
        pos += 2;
        return value;
    }

    private CharRanges charClass() {
        boolean negated = more() && peek() == '^';
        if (negated) {
            pos++;
        }
        CharRanges set = CharRanges.NONE;
        boolean first = true;
        while (first || peek() != ']') {
            first = false;
            if (regex.startsWith("[:", pos)) {
                throw new Unsupported();
            }
            if (peek() == '\\') {
                pos++;
                char c = regex.charAt(pos++);
                CharRanges group = perlGroup(c);
                if (group != null) {
                    set = set.union(group);
                    continue;
                }
                set = set.union(range(escapedLiteralInClass(c)));
            } else {
                int c = regex.codePointAt(pos);
                pos += Character.charCount(c);
                set = set.union(range(c));
            }
        }
        pos++;
        return negated ? set.negate() : set;
    }

    private int escapedLiteralInClass(char c) {
        if (c == 'b' || c == 'B' || c == 'Q' || c == 'A' || c == 'z') {
            throw new Unsupported();
        }
        return escapedLiteral(c);
    }

    /** {@code lo} alone or, when a '-' and a bound follow, {@code lo-hi}; case folded under {@code (?i)}. */
    private CharRanges range(int lo) {
        int hi = lo;
        if (peek() == '-' && pos + 1 < regex.length() && regex.charAt(pos + 1) != ']') {
            pos++;
            if (peek() == '\\') {
                pos++;
                hi = escapedLiteralInClass(regex.charAt(pos++));
            } else {
                hi = regex.codePointAt(pos);
                pos += Character.charCount(hi);
            }
        }
        CharRanges set = CharRanges.of(lo, hi);
        return fold ? set.folded() : set;
    }

    private RegexNode literal(int c) {
        CharRanges set = CharRanges.single(c);
        return new Chars(fold ? set.folded() : set);
    }

    private void expect(char c) {
        if (!more() || peek() != c) {
            throw new Unsupported();
        }
        pos++;
    }

    private boolean more() {
        return pos < regex.length();
    }

    private char peek() {
        return regex.charAt(pos);
    }
}
