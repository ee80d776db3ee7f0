package dev.pipelinetriage.engine.redact;

/**
 * A bare run of exactly {@code length} lower-case RFC 4648 base32 characters ({@code a-z}, {@code 2-7}) with a
 * digit in it: the legacy 52-character Azure DevOps personal access token, which has no prefix to look for. Git
 * and Docker hashes are hex (0, 1, 8 and 9 are not base32) and Nix's base32 alphabet has 0, 1, 8 and 9 too, so
 * a run of exactly this alphabet and length is rarely anything else. A hand-written scan, not a regex: it runs on
 * every line, having no literal to wait for.
 */
record Base32Run(String kind, int length) implements Rule {

    Base32Run {
        if (length < 16) {
            throw new IllegalArgumentException("a base32 run shorter than 16 characters is not a token: " + length);
        }
    }

    @Override
    public String apply(String line, String lowerLine) {
        if (!hasRunOfLength(line)) {
            return line; // a token is a run of the alphabet: most lines have no run that long
        }
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < line.length()) {
            if (!isBase32(line.charAt(i)) || (i > 0 && isWordChar(line.charAt(i - 1)) && !Glue.afterEscape(line, i))) {
                i++;
                continue;
            }
            int end = i;
            if (i >= 1 && line.charAt(i - 1) == '\\' && i + 1 < line.length() && "nrt".indexOf(line.charAt(i)) >= 0) {
                i++; // the letter of an escape (\n) glued to the token: the token starts after it
                continue;
            }
            if (i >= 1 && line.charAt(i - 1) == '%' && i + 2 < line.length() && isHexDigit(line.charAt(i + 1))) {
                i += 2; // the hex digits of a %3d glued to the token
                continue;
            }
            boolean digit = false;
            while (end < line.length() && isBase32(line.charAt(end))) {
                digit |= line.charAt(end) <= '9';
                end++;
            }
            boolean bounded = end == line.length() || !isWordChar(line.charAt(end));
            if (end - i == length && digit && bounded) {
                if (out == null) {
                    out = new StringBuilder(line.length());
                }
                out.append(line, copied, i).append(Markers.of(kind));
                copied = end;
            }
            i = end;
        }
        return out == null ? line : out.append(line, copied, line.length()).toString();
    }

    /**
     * Whether the line holds {@code length} base32 characters in a row. Reads about one character in {@code length}
     * where runs are short: a run that long must cover every position a multiple of {@code length} apart, so only
     * around a base32 character at such a position is there a run to measure.
     */
    private boolean hasRunOfLength(String line) {
        int n = line.length();
        int i = length - 1;
        while (i < n) {
            if (!isBase32(line.charAt(i))) {
                i += length;
                continue;
            }
            int start = i;
            while (start > 0 && isBase32(line.charAt(start - 1))) {
                start--;
            }
            int end = i + 1;
            while (end < n && isBase32(line.charAt(end)) && end - start < length) {
                end++;
            }
            if (end - start >= length) {
                return true;
            }
            i = end + length; // the run ends before end: a run that long must reach end + length - 1 at least
        }
        return false;
    }

    @Override
    public Trigger trigger() {
        return Trigger.always();
    }

    private static boolean isBase32(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7');
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
