package dev.pipelinetriage.app;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regex drafted from one evidence line: its literal parts escaped, the parts that vary between occurrences
 * (URLs, paths, quoted values, hex ids, numbers) generalized, whitespace runs as {@code \s+}. Only constructs the
 * knowledge base's linear-time engine runs are used, and no repetition is bounded.
 *
 * @param regex the drafted pattern
 * @param variant the evidence line with every variable part replaced by another value of its kind: a second
 *     example the pattern must match, showing the generalization at work
 */
public record EvidencePattern(String regex, String variant) {
    /** Wider shapes first, so a URL is not cut into a path and numbers. */
    private static final Pattern VARIABLE = Pattern.compile(
            "(?<url>\\b[a-z][a-z0-9+.-]{1,15}://[^\\s'\"<>()]+)"
                    + "|(?<quoted>'[^'\\s]{1,80}'|\"[^\"\\s]{1,80}\"|`[^`\\s]{1,80}`)"
                    + "|(?<path>(?:[A-Za-z]:)?(?:[\\\\/][\\w.@+-]+){2,}[\\\\/]?)"
                    + "|(?<hex>\\b0x[0-9a-fA-F]+\\b|\\b(?=[0-9a-fA-F]*[a-fA-F])(?=[0-9a-fA-F]*\\d)[0-9a-fA-F]{7,64}\\b)"
                    + "|(?<number>\\d+(?:\\.\\d+)*)"
                    + "|(?<space>\\s+)");
    private static final String METACHARACTERS = "\\.+*?()[]{}|^$";

    public EvidencePattern {
        Objects.requireNonNull(regex, "regex");
        Objects.requireNonNull(variant, "variant");
    }

    /** Drafts the pattern of {@code line} (already redacted and normalized). */
    public static EvidencePattern of(String line) {
        String text = line.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an evidence line must not be blank");
        }
        StringBuilder regex = new StringBuilder();
        StringBuilder variant = new StringBuilder();
        Matcher m = VARIABLE.matcher(text);
        int at = 0;
        while (m.find()) {
            String literal = text.substring(at, m.start());
            regex.append(escape(literal));
            variant.append(literal);
            String part = m.group();
            if (m.group("url") != null) {
                regex.append("\\S+");
                variant.append("https://other.example/path");
            } else if (m.group("quoted") != null) {
                char q = part.charAt(0);
                regex.append(escape(String.valueOf(q))).append("[^").append(q == '\\' ? "\\\\" : q).append("]*")
                        .append(escape(String.valueOf(q)));
                variant.append(q).append("other-value").append(q);
            } else if (m.group("path") != null) {
                regex.append("\\S+");
                variant.append(part.contains("\\") ? "C:\\other\\file.txt" : "/other/dir/file.txt");
            } else if (m.group("hex") != null) {
                regex.append(part.startsWith("0x") ? "0x[0-9a-fA-F]+" : "[0-9a-fA-F]+");
                variant.append(part.startsWith("0x") ? "0xbeef42" : "9f8e7d6c5b4a3210".substring(0,
                        Math.min(16, Math.max(7, part.length()))));
            } else if (m.group("number") != null) {
                regex.append(part.contains(".") ? "\\d+(?:\\.\\d+)*" : "\\d+");
                variant.append(otherNumber(part));
            } else {
                regex.append("\\s+");
                variant.append(' ');
            }
            at = m.end();
        }
        regex.append(escape(text.substring(at)));
        variant.append(text.substring(at));
        // Nothing varies: the same line as a wrapper prints it still matches (the pattern is not anchored).
        String other = variant.toString().equals(text) ? "[step] " + text : variant.toString();
        return new EvidencePattern(regex.toString(), other);
    }

    /** The same shape with every digit moved on by one: 7 -> 8, 30 -> 41, 1.2.9 -> 2.3.0. */
    private static String otherNumber(String number) {
        StringBuilder other = new StringBuilder(number.length());
        for (char c : number.toCharArray()) {
            other.append(Character.isDigit(c) ? (char) ('0' + (c - '0' + 1) % 10) : c);
        }
        return other.toString();
    }

    static String escape(String literal) {
        StringBuilder out = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if (METACHARACTERS.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
