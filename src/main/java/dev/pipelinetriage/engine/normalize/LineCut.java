package dev.pipelinetriage.engine.normalize;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shortens an over-long line to its head and its tail around a visible {@code …[N chars cut]…} marker. The tail
 * gets two thirds of the room: a tool that prints one enormous line usually ends it with the error (cargo's
 * "signal: 9, SIGKILL" after a page of flags). Runs on text already redacted, so a cut cannot leave a piece of a
 * secret that redaction would no longer recognize; it only keeps from splitting the markers themselves.
 */
final class LineCut {

    private static final Pattern CUT_MARKER = Pattern.compile("\u2026\\[(\\d{1,19}) chars cut]\u2026");
    /** Markers the cut widens over rather than split: its own (left by the reader's byte cap) and redaction's. */
    private static final Pattern WHOLE_MARKER =
            Pattern.compile("\u2026\\[\\d{1,19} chars cut]\u2026|\\[REDACTED:[a-z0-9-]{1,40}]");
    private static final int MARKER_ROOM = 32;
    private static final int WINDOW = 64;

    private LineCut() {
    }

    static String marker(long chars) {
        return "\u2026[" + chars + " chars cut]\u2026";
    }

    /** The text itself when it fits in {@code maxChars}, else its head and tail around a marker, within the cap. */
    static String apply(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int room = maxChars - MARKER_ROOM;
        int headEnd = wholeCharacters(text, widen(text, room / 3, true), true);
        int tailStart = wholeCharacters(text, widen(text, text.length() - (room - room / 3), false), false);
        long cut = tailStart - headEnd;
        Matcher earlier = CUT_MARKER.matcher(text).region(headEnd, tailStart);
        while (earlier.find()) {
            cut += Long.parseLong(earlier.group(1)) - earlier.group().length(); // fold an earlier cut's count in
        }
        return text.substring(0, headEnd) + marker(cut) + text.substring(tailStart);
    }

    /** Moves a cut position off the middle of a surrogate pair: back for the head, on for the tail. */
    private static int wholeCharacters(String text, int at, boolean head) {
        if (at <= 0 || at >= text.length() || !Character.isLowSurrogate(text.charAt(at))
                || !Character.isHighSurrogate(text.charAt(at - 1))) {
            return at;
        }
        return head ? at - 1 : at + 1;
    }

    /** Moves a cut position off any marker it falls inside: to the marker's start for the head, end for the tail. */
    private static int widen(String text, int at, boolean head) {
        Matcher marker = WHOLE_MARKER.matcher(text)
                .region(Math.max(0, at - WINDOW), Math.min(text.length(), at + WINDOW));
        while (marker.find()) {
            if (marker.start() < at && at < marker.end()) {
                return head ? marker.start() : marker.end();
            }
        }
        return at;
    }
}
