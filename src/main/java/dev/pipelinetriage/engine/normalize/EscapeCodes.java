package dev.pipelinetriage.engine.normalize;

/**
 * Removes terminal escape codes and other control characters from a line, in one pass per kind and without regexes
 * (a quarter of the lines of a CI log hold colour codes, so this runs often):
 *
 * <ul>
 *   <li>ESC sequences: CSI ({@code ESC [ params intermediates final}), OSC ({@code ESC ] ... BEL} or {@code ESC \}),
 *       character-set selection ({@code ESC ( B}) and two-character escapes; a lone ESC goes too.
 *   <li>SGR and erase-line codes whose ESC byte was lost on the way (common in copied Travis logs): with digits
 *       ({@code [0m}, {@code [31;1m}, {@code [0K}) anywhere, bare ({@code [m}, {@code [K}) only where no word or
 *       bracket follows, since {@code [main]} and {@code [Kotlin]} are text. Text that only looks like one stays: a
 *       duration ({@code [5m0s]}), an index ({@code grid[m - 1]}, closed before the next bracket opens) and a code
 *       written out in source ({@code "\033[0m"}, {@code \x1b[0m}, {@code \e[0m}).
 *   <li>Control characters other than tab.
 * </ul>
 */
final class EscapeCodes {

    private static final char ESC = '\u001B';
    /** How an escape is written out in source text, right before the '[' of a code that is then not removed. */
    private static final String[] WRITTEN_ESCAPES = {
        "\\033", "\\x1b", "\\x1B", "\\e", "\\E", "\\u001b", "\\u001B", "\\x{1b}", "\\x{1B}"};
    /** Digits and ';' in an SGR code, before and after its first digit at most. */
    private static final int MAX_BEFORE_DIGIT = 11;
    private static final int MAX_AFTER_DIGIT = 12;
    /** How far a ']' closing an index ({@code grid[m - 1]}) may be. */
    private static final int INDEX_REACH = 40;

    private EscapeCodes() {
    }

    static String strip(String text) {
        if (text.indexOf(ESC) >= 0) {
            text = withoutSequences(text);
        }
        if (mayHaveRemnant(text)) {
            text = withoutRemnants(text);
        }
        if (hasControl(text)) {
            text = withoutControls(text);
        }
        return text;
    }

    private static String withoutSequences(String text) {
        var out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ESC) {
                i = sequenceEnd(text, i);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Where the escape sequence starting with the ESC at {@code i} ends. */
    private static int sequenceEnd(String text, int i) {
        int n = text.length();
        int j = i + 1;
        if (j >= n) {
            return j;
        }
        char c = text.charAt(j);
        if (c == '[') {
            int k = j + 1;
            while (k < n && text.charAt(k) >= 0x30 && text.charAt(k) <= 0x3F) {
                k++; // parameters
            }
            while (k < n && text.charAt(k) >= 0x20 && text.charAt(k) <= 0x2F) {
                k++; // intermediates
            }
            return k < n && text.charAt(k) >= 0x40 && text.charAt(k) <= 0x7E ? k + 1 : j;
        }
        if (c == ']') {
            int k = j + 1;
            while (k < n && text.charAt(k) != 0x07 && text.charAt(k) != ESC) {
                k++;
            }
            if (k < n && text.charAt(k) == 0x07) {
                return k + 1;
            }
            return k + 1 < n && text.charAt(k) == ESC && text.charAt(k + 1) == '\\' ? k + 2 : k;
        }
        if (c == '(' || c == ')') {
            return j + 1 < n && isAsciiLetterOrDigit(text.charAt(j + 1)) ? j + 2 : j;
        }
        return (c >= '@' && c <= 'Z') || (c >= '\\' && c <= '_') ? j + 1 : j;
    }

    /** A remnant needs a '[' followed by a digit, ';', 'm' or 'K'. */
    static boolean mayHaveRemnant(String text) {
        for (int i = text.indexOf('['); i >= 0 && i + 1 < text.length(); i = text.indexOf('[', i + 1)) {
            char next = text.charAt(i + 1);
            if (isAsciiDigit(next) || next == ';' || next == 'm' || next == 'K') {
                return true;
            }
        }
        return false;
    }

    private static String withoutRemnants(String text) {
        var out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int end = c == '[' ? remnantEnd(text, i) : -1;
            if (end < 0) {
                out.append(c);
                i++;
            } else {
                i = end;
            }
        }
        return out.toString();
    }

    /** Where the remnant starting with the '[' at {@code p} ends, or -1 when none starts there. */
    private static int remnantEnd(String text, int p) {
        if (writtenEscapeBefore(text, p)) {
            return -1;
        }
        int n = text.length();
        int from = p + 1;
        int run = from;
        while (run < n && (isAsciiDigit(text.charAt(run)) || text.charAt(run) == ';')) {
            run++;
        }
        if (run < n && isCodeEnd(text.charAt(run)) && hasDigitInReach(text, from, run) && !durationAt(text, run + 1)) {
            return run + 1; // [0m, [31;1m, [0K
        }
        int semicolons = from;
        while (semicolons < n && text.charAt(semicolons) == ';') {
            semicolons++;
        }
        if (semicolons - from <= 3 && semicolons < n && isCodeEnd(text.charAt(semicolons))) {
            int after = semicolons + 1;
            boolean wordOrBracketFollows = after < n && (isAsciiLetterOrDigit(text.charAt(after))
                    || text.charAt(after) == '_' || text.charAt(after) == ']');
            if (!wordOrBracketFollows && !closedSoon(text, after)) {
                return after; // [m, [K, [;m
            }
        }
        return -1;
    }

    private static boolean writtenEscapeBefore(String text, int p) {
        for (String written : WRITTEN_ESCAPES) {
            if (p >= written.length() && text.startsWith(written, p - written.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCodeEnd(char c) {
        return c == 'm' || c == 'K';
    }

    /** Whether {@code [from, to)} holds a digit with at most 11 characters before it and 12 after. */
    private static boolean hasDigitInReach(String text, int from, int to) {
        for (int i = from; i < to && i - from <= MAX_BEFORE_DIGIT; i++) {
            if (isAsciiDigit(text.charAt(i)) && to - 1 - i <= MAX_AFTER_DIGIT) {
                return true;
            }
        }
        return false;
    }

    /** A duration's rest after its minutes, {@code 0s]} or {@code 12.5s]}: then {@code [5m} was no code. */
    private static boolean durationAt(String text, int i) {
        int n = text.length();
        int k = i;
        while (k < n && k - i < 2 && isAsciiDigit(text.charAt(k))) {
            k++;
        }
        if (k == i) {
            return false;
        }
        if (k + 1 < n && text.charAt(k) == '.' && isAsciiDigit(text.charAt(k + 1))) {
            int fraction = k + 1;
            k = fraction;
            while (k < n && k - fraction < 9 && isAsciiDigit(text.charAt(k))) {
                k++;
            }
        }
        return k + 1 < n && text.charAt(k) == 's' && text.charAt(k + 1) == ']';
    }

    /** Whether a ']' follows within reach with no bracket before it: {@code grid[m - 1]} is an index. */
    private static boolean closedSoon(String text, int i) {
        int n = text.length();
        int k = i;
        while (k < n && k - i < INDEX_REACH && text.charAt(k) != '[' && text.charAt(k) != ']') {
            k++;
        }
        return k < n && text.charAt(k) == ']';
    }

    private static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static String withoutControls(String text) {
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isControl(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** C0 controls but tab and line feed, and DEL. */
    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
