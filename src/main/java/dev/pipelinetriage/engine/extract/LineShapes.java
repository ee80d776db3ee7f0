package dev.pipelinetriage.engine.extract;

/**
 * Two coarse identities of a log line, as 64-bit hashes, computed in one pass without regexes so every line
 * of a large log can afford them.
 *
 * <ul>
 *   <li>{@link #skeleton}: the line's form with its words, paths and numbers reduced to classes, so that the
 *       lines a tool prints over and over -- passing tests, progress, downloads, compiled files -- share one
 *       skeleton whatever test, file or package they name. How often a skeleton recurs in a log says how
 *       ordinary the line is there.
 *   <li>{@link #fingerprint}: the line with every token that holds a digit (numbers, durations, timestamps,
 *       ids, versions, hex) masked and case folded, so the same line of another run of the same job --
 *       another day, another build number -- has the same fingerprint.
 * </ul>
 */
final class LineShapes {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    /** The first word is kept as written when it is this short and all letters ("FAIL", "ok", "error:"). */
    private static final int MAX_KEPT_HEAD = 12;

    private LineShapes() {
    }

    /** The hash of the line's skeleton: words become one class, paths another, numbers a third. */
    static long skeleton(String text) {
        long h = FNV_OFFSET;
        int n = text.length();
        int i = 0;
        int indent = 0;
        while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            indent++;
            i++;
        }
        h = mix(h, (char) ('0' + Math.min(indent, 8) / 2));
        boolean first = true;
        char previous = 0;
        while (i < n) {
            int end = i;
            while (end < n && !isSpace(text.charAt(end))) {
                end++;
            }
            char token = tokenClass(text, i, end);
            if (first && keptHead(text, i, end)) {
                for (int k = i; k < end; k++) {
                    h = mix(h, Character.toLowerCase(text.charAt(k)));
                }
                previous = '"';
            } else if (token == 0) {
                // punctuation only: kept as written ("->", "|", "...")
                h = mix(h, ' ');
                for (int k = i; k < end; k++) {
                    h = mix(h, text.charAt(k));
                }
                previous = 0;
            } else if (token != 'w' || previous != 'w' || !bare(text, i, end)) {
                // a run of bare words is one word ("adds numbers", "parses the empty string" read alike);
                // edge punctuation stays: "(w)", "'w'", "w:" read differently from a bare word
                h = mix(h, ' ');
                h = mix(h, edge(text.charAt(i)));
                h = mix(h, token);
                h = mix(h, edge(text.charAt(end - 1)));
                previous = token;
            }
            first = false;
            i = end;
            while (i < n && isSpace(text.charAt(i))) {
                i++;
            }
        }
        return h;
    }

    /** The hash of the line with digit-bearing tokens masked, case folded and spaces collapsed. */
    static long fingerprint(String text) {
        long h = FNV_OFFSET;
        int n = text.length();
        int i = 0;
        boolean space = true;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                int end = i;
                boolean digit = false;
                while (end < n && Character.isLetterOrDigit(text.charAt(end))) {
                    digit |= Character.isDigit(text.charAt(end));
                    end++;
                }
                if (digit) {
                    h = mix(h, '#');
                } else {
                    for (int k = i; k < end; k++) {
                        h = mix(h, Character.toLowerCase(text.charAt(k)));
                    }
                }
                i = end;
                space = false;
            } else if (isSpace(c)) {
                if (!space) {
                    h = mix(h, ' ');
                    space = true;
                }
                i++;
            } else {
                h = mix(h, c);
                space = false;
                i++;
            }
        }
        return h;
    }

    /** 'p' for a path, '0' for a number, 'w' for a word, 0 for punctuation only. */
    private static char tokenClass(String text, int from, int to) {
        boolean letter = false;
        boolean digit = false;
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (c == '/' || c == '\\') {
                return 'p';
            }
            letter |= Character.isLetter(c) || c == '_';
            digit |= Character.isDigit(c);
        }
        if (letter) {
            return 'w';
        }
        return digit ? '0' : 0;
    }

    private static boolean bare(String text, int from, int to) {
        return edge(text.charAt(from)) == '.' && edge(text.charAt(to - 1)) == '.';
    }

    private static boolean keptHead(String text, int from, int to) {
        int end = to > from && text.charAt(to - 1) == ':' ? to - 1 : to;
        if (end - from < 1 || end - from > MAX_KEPT_HEAD) {
            return false;
        }
        for (int k = from; k < end; k++) {
            if (!Character.isLetter(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static char edge(char c) {
        return Character.isLetterOrDigit(c) || c == '_' ? '.' : c;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static long mix(long h, char c) {
        return (h ^ c) * FNV_PRIME;
    }
}
