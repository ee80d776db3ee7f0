package dev.pipelinetriage.engine.redact;

/**
 * A command whose arguments a script continues on the next lines ({@code curl -sf \}, then {@code -u user:pw}): the
 * program's name is only on the first line, so the redaction stream reads the continuation lines as its options.
 */
final class ContinuedLine {

    private ContinuedLine() {
    }

    /** Whether a line ends in a shell (backslash), cmd (caret) or PowerShell (backtick) line continuation. */
    static boolean continues(String line) {
        int end = line.length();
        while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        if (end == 0) {
            return false;
        }
        char last = line.charAt(end - 1);
        return last == '\\' || last == '^' || last == '`';
    }
}
