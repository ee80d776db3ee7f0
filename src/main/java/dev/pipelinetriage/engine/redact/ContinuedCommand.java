package dev.pipelinetriage.engine.redact;

import java.util.Objects;

/**
 * A command whose arguments a script may continue on the next lines ({@code curl -sf \}, then {@code -u user:pw}):
 * its rule waits for the command's name, which only the first line holds, so the redaction stream runs the rule
 * on the continuation lines itself.
 */
record ContinuedCommand(String name, PatternRule rule) {

    ContinuedCommand {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rule, "rule");
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
