package dev.pipelinetriage.engine.redact;

/**
 * Where a token may start: not inside a longer word, except right after an escape that ends in a letter or digit --
 * {@code \n} in JSON-escaped output, {@code %3D} in URL-encoded text -- which a plain word-boundary test would take
 * for more word.
 */
final class Glue {

    private Glue() {
    }

    /** Whether a token can start at {@code at}: after no letter or digit, or right after an escape. */
    static boolean tokenMayStartAt(String line, int at) {
        return at == 0 || !isLetterOrDigit(line.charAt(at - 1)) || afterEscape(line, at);
    }

    /** Whether {@code at} follows a backslash escape ({@code \n}, {@code \r}, {@code \t}) or a {@code %XX} byte. */
    static boolean afterEscape(String line, int at) {
        if (at >= 2 && line.charAt(at - 2) == '\\' && isEscapeLetter(line.charAt(at - 1))) {
            return at < 3 || line.charAt(at - 3) != '\\';
        }
        return at >= 3 && line.charAt(at - 3) == '%' && isHex(line.charAt(at - 2)) && isHex(line.charAt(at - 1));
    }

    private static boolean isEscapeLetter(char c) {
        return c == 'n' || c == 'r' || c == 't';
    }

    static boolean isLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
