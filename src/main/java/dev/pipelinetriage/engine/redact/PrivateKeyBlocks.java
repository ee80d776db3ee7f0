package dev.pipelinetriage.engine.redact;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Private key blocks, which span lines: {@code -----BEGIN ... PRIVATE KEY-----} through the END line. The header
 * and footer stay visible (they say what leaked, not the key); everything between becomes a marker, line by line.
 * A block with no END -- cut off by the excerpt, by a log cap or by a one-line dump -- is redacted as long as the
 * following lines still look like key material, so an unterminated key cannot swallow the rest of a 100 MB log.
 */
final class PrivateKeyBlocks {

    static final String KIND = "private-key";
    static final String MARKER = Markers.of(KIND);
    static final String TRIGGER = "PRIVATE KEY";

    // Bounded (not possessive) so "RSA PRIVATE KEY" can give back "PRIVATE KEY"; at most 30 steps of backtracking.
    private static final Pattern BEGIN = Pattern.compile("-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-{0,5}");
    private static final Pattern END = Pattern.compile("-----END[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-{0,5}");

    /**
     * Kept in front of a redacted body line: indentation, a timestamp (RFC 3339 or with a space, bracketed or not,
     * or a time of day), a docker-compose service column ({@code web-1  | }), a {@code kubectl logs --prefix} pod
     * ({@code [pod/api-7d9f/app] }) and BuildKit's plain-progress step number and seconds ({@code #8 0.106 }).
     */
    private static final Pattern LINE_PREFIX = Pattern.compile(
            "\\s*+(?:[A-Za-z0-9][A-Za-z0-9_.-]{0,62}+ *+\\| ?+)?+"
                    + "(?:\\[pod/[^\\]\\s]{1,200}+\\] ?+)?+"
                    + "(?:\\[?+(?:\\d{4}-\\d{2}-\\d{2}[T ])?+\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9}+)?+"
                    + "(?:Z|[+-]\\d{2}:?+\\d{2})?+\\]?+\\s++)?+"
                    + "(?:#\\d{1,5}+ \\d{1,6}+\\.\\d{1,4}+ ++)?+");
    private static final Pattern BASE64_ONLY = Pattern.compile("[A-Za-z0-9+/=]++");
    /** "done", "Finished": words a log prints after a cut-off key; a random base64 tail rarely looks like one. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Z]?[a-z]++");
    private static final Pattern PEM_HEADER = Pattern.compile("(?:Proc-Type|DEK-Info|Comment|Version):.*+");
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/]{40}");

    private PrivateKeyBlocks() {
    }

    /** The result of redacting the blocks in one line: the new text, and whether a block is still open. */
    record Step(String text, boolean open) {
    }

    /**
     * Redacts one line. When {@code open}, the line continues a block from earlier lines: up to its END footer,
     * or entirely if it looks like key material; a line that does neither closes the block untouched.
     */
    static Step redact(String line, boolean open) {
        if (!open) {
            return redactBlocksFrom(line, 0);
        }
        Matcher end = END.matcher(line);
        if (end.find()) {
            String prefix = prefixOf(line, end.start());
            boolean hasBody = !line.substring(prefix.length(), end.start()).isBlank();
            String closed = hasBody ? prefix + MARKER + line.substring(end.start()) : line;
            return redactBlocksFrom(closed, closed.length() - (line.length() - end.end())); // another may follow
        }
        if (looksLikeKeyMaterial(line)) {
            String prefix = prefixOf(line, line.length());
            return new Step(line.substring(prefix.length()).isBlank() ? line : prefix + MARKER, true);
        }
        return redactBlocksFrom(line, 0); // the block ended without a footer; this line is ordinary log
    }

    /** Finds BEGIN headers at or after {@code from}; replaces what follows each up to its END or the line end. */
    private static Step redactBlocksFrom(String line, int from) {
        if (!line.contains(TRIGGER)) {
            return new Step(line, false);
        }
        Matcher begin = BEGIN.matcher(line);
        if (!begin.find(from)) {
            return new Step(line, false);
        }
        Matcher end = END.matcher(line);
        StringBuilder out = new StringBuilder(line.length() + MARKER.length());
        int copied = 0;
        do {
            int bodyStart = begin.end();
            out.append(line, copied, bodyStart);
            if (!end.find(bodyStart)) {
                if (bodyStart < line.length()) {
                    out.append(MARKER);
                }
                return new Step(out.toString(), true);
            }
            if (end.start() > bodyStart) {
                out.append(MARKER);
            }
            out.append(line, end.start(), end.end());
            copied = end.end();
        } while (begin.find(copied));
        return new Step(out.append(line, copied, line.length()).toString(), false);
    }

    private static boolean looksLikeKeyMaterial(String line) {
        String body = line.substring(prefixOf(line, line.length()).length()).strip();
        return body.isEmpty()
                || body.equals(MARKER)
                || BASE64_ONLY.matcher(body).matches() && !PLAIN_WORD.matcher(body).matches()
                || PEM_HEADER.matcher(body).matches()
                || BASE64_RUN.matcher(body).find();
    }

    private static String prefixOf(String line, int limit) {
        Matcher prefix = LINE_PREFIX.matcher(line).region(0, limit);
        return prefix.lookingAt() ? line.substring(0, prefix.end()) : "";
    }
}
