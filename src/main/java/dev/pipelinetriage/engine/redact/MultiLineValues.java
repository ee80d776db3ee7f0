package dev.pipelinetriage.engine.redact;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets whose value sits on the lines after their key: a YAML block scalar ({@code password: |-} then the
 * indented value), a {@code .netrc} written one token pair a line, and a PuTTY key's {@code Private-Lines: N}
 * (and its {@code Private-MAC}). Each body line keeps its indentation and becomes a marker. One per log, like the
 * stream that holds it.
 */
final class MultiLineValues {

    private static final Pattern BLOCK_SCALAR_KEY =
            Pattern.compile("( *+)(?:- ++)?+([A-Za-z0-9_.-]{1,80}+)[\"']?+ *+: *+[|>][-+0-9]{0,3}+ *+");
    private static final Pattern PUTTY_PRIVATE_LINES = Pattern.compile("Private-Lines: *+([0-9]{1,4}+) *+");
    private static final Pattern PUTTY_MAC = Pattern.compile("(Private-(?:MAC|Hash): *+)(\\S++) *+");

    /** Indentation of the key of the open block scalar, or -1. */
    private int blockIndent = -1;
    private String blockKind;
    /** Body lines of a PuTTY private key still to come. */
    private int puttyLines;
    private boolean netrc;

    /** Whether no earlier line left a value open: the next line is read as if it were the log's first. */
    boolean isIdle() {
        return blockIndent < 0 && puttyLines == 0 && !netrc;
    }

    /** An independent copy in the same state: to redact a line later as the lines before it left things. */
    MultiLineValues copy() {
        var copy = new MultiLineValues();
        copy.blockIndent = blockIndent;
        copy.blockKind = blockKind;
        copy.puttyLines = puttyLines;
        copy.netrc = netrc;
        return copy;
    }

    String redact(String line) {
        if (puttyLines > 0) {
            puttyLines--;
            return bodyMarker(line, "private-key");
        }
        if (blockIndent >= 0) {
            if (line.isBlank()) {
                return line;
            }
            if (indentation(line) > blockIndent) {
                return bodyMarker(line, blockKind);
            }
            blockIndent = -1;
        }
        if (line.startsWith("Private-")) {
            return putty(line);
        }
        String text = netrc(line);
        opensBlockScalar(text);
        return text;
    }

    private void opensBlockScalar(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        int indicator = end - 1;
        while (indicator >= 0 && end - indicator <= 3 && "-+0123456789".indexOf(line.charAt(indicator)) >= 0) {
            indicator--;
        }
        if (indicator < 0 || (line.charAt(indicator) != '|' && line.charAt(indicator) != '>')) {
            return; // a block scalar's key line ends in its indicator ('|' or '>', then at most 3 of [-+0-9])
        }
        Matcher key = BLOCK_SCALAR_KEY.matcher(line);
        if (key.matches() && KeyNames.namesASecret(key.group(2))) {
            blockIndent = key.end(1);
            blockKind = kindOf(key.group(2));
        }
    }

    private String putty(String line) {
        Matcher lines = PUTTY_PRIVATE_LINES.matcher(line);
        if (lines.matches()) {
            puttyLines = Integer.parseInt(lines.group(1));
            return line;
        }
        Matcher mac = PUTTY_MAC.matcher(line);
        return mac.matches() ? mac.group(1) + Markers.of("private-key") : line;
    }

    /**
     * A {@code machine} line opens a netrc; while lines hold only netrc token pairs, {@code password} and
     * {@code account} values are hidden.
     */
    private String netrc(String line) {
        String body = line.stripLeading();
        if (!netrc && !(body.startsWith("machine ") || body.equals("default") || body.startsWith("default "))) {
            return line;
        }
        String[] words = body.split("[ \t]++");
        StringBuilder out = new StringBuilder(line.substring(0, line.length() - body.length()));
        boolean secret = false;
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            if (i % 2 == 0 && !isNetrcWord(word)) {
                netrc = false; // not netrc after all: leave the line alone
                return line;
            }
            out.append(i == 0 ? "" : " ").append(secret && !Markers.isNotASecret(word) ? Markers.of("password") : word);
            secret = i % 2 == 0 && (word.equals("password") || word.equals("account"));
        }
        netrc = true;
        return out.toString();
    }

    private static boolean isNetrcWord(String word) {
        return switch (word) {
            case "machine", "login", "password", "account", "default", "macdef" -> true;
            default -> false;
        };
    }

    private static String kindOf(String key) {
        for (String word : KeyNames.words(key)) {
            if (word.startsWith("pass") || word.equals("pwd")) {
                return "password";
            }
            if (word.equals("token") || word.equals("auth")) {
                return "token";
            }
        }
        return "secret";
    }

    private static String bodyMarker(String line, String kind) {
        int indent = indentation(line);
        return indent == line.length() ? line : line.substring(0, indent) + Markers.of(kind);
    }

    private static int indentation(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
