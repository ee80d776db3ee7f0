package dev.pipelinetriage.adapter.ci;

import dev.pipelinetriage.domain.LogLine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a log stream under a byte cap: keeps the first fifth of the budget (how the job started) and the rest
 * for the tail (where failures are), in a ring buffer, while counting newlines so that every kept line keeps
 * its original number. Memory stays at the cap whatever the log's size. Invalid UTF-8 is replaced, CRs dropped.
 * A log with carriage returns and no newline at all (some Windows and progress-bar tools write only CRs) is split
 * at the CRs instead, so it is read line by line rather than as one long line of overwrites.
 */
public final class LogCapture {
    /** Logs of 1 KiB are useless to triage; the floor also keeps head and tail non-empty. */
    public static final long MIN_CAP = 1024;

    private LogCapture() {
    }

    /** What was kept, and how much the source served. */
    public record Captured(List<LogLine> lines, boolean capped, long sourceBytes) {
        public Captured {
            lines = List.copyOf(lines);
        }
    }

    public static Captured read(InputStream in, long maxBytes) throws IOException {
        if (maxBytes < MIN_CAP || maxBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("log cap must be " + MIN_CAP + ".." + (Integer.MAX_VALUE - 16)
                    + " bytes, got " + maxBytes);
        }
        int headCap = (int) (maxBytes / 5);
        int tailCap = (int) (maxBytes - headCap);
        byte[] head = new byte[headCap];
        int headLen = 0;
        byte[] ring = new byte[tailCap];
        int ringPos = 0;
        long ringFill = 0;
        long total = 0;
        long newlines = 0;
        long carriageReturns = 0;
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = in.read(buf)) != -1; ) {
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    newlines++;
                } else if (buf[i] == '\r') {
                    carriageReturns++;
                }
            }
            total += n;
            int off = 0;
            if (headLen < headCap) {
                int take = Math.min(n, headCap - headLen);
                System.arraycopy(buf, 0, head, headLen, take);
                headLen += take;
                off = take;
            }
            for (int i = off; i < n; ) {
                int take = Math.min(n - i, tailCap - ringPos);
                System.arraycopy(buf, i, ring, ringPos, take);
                ringPos = (ringPos + take) % tailCap;
                ringFill += take;
                i += take;
            }
        }
        byte separator = newlines == 0 && carriageReturns > 0 ? (byte) '\r' : (byte) '\n';
        long separators = separator == '\n' ? newlines : carriageReturns;
        List<LogLine> lines = new ArrayList<>();
        boolean capped = ringFill > tailCap;
        if (!capped) {
            byte[] all = new byte[(int) (headLen + ringFill)];
            System.arraycopy(head, 0, all, 0, headLen);
            System.arraycopy(ring, 0, all, headLen, (int) ringFill);
            addLines(lines, all, 0, all.length, 1, separator);
            return new Captured(lines, false, total);
        }
        // Head: whole lines only.
        int headEnd = lastIndexOf(head, headLen, separator) + 1;
        addLines(lines, head, 0, headEnd, 1, separator);
        // Tail: unroll the ring, drop the partial first line, number from the newlines that follow it.
        byte[] tail = new byte[tailCap];
        System.arraycopy(ring, ringPos, tail, 0, tailCap - ringPos);
        System.arraycopy(ring, 0, tail, tailCap - ringPos, ringPos);
        int start = indexOf(tail, separator) + 1;
        long separatorsAfterStart = count(tail, start, tailCap, separator);
        long firstTailLine = separators - separatorsAfterStart + 1;
        addLines(lines, tail, start, tailCap, firstTailLine, separator);
        return new Captured(lines, true, total);
    }

    private static void addLines(List<LogLine> out, byte[] bytes, int from, int to, long firstNumber, byte separator) {
        long number = firstNumber;
        int lineStart = from;
        for (int i = from; i < to; i++) {
            if (bytes[i] == separator) {
                out.add(line(number++, bytes, lineStart, i));
                lineStart = i + 1;
            }
        }
        if (lineStart < to) {
            out.add(line(number, bytes, lineStart, to));
        }
    }

    private static LogLine line(long number, byte[] bytes, int from, int to) {
        int end = to > from && bytes[to - 1] == '\r' ? to - 1 : to;
        return new LogLine((int) Math.min(number, Integer.MAX_VALUE),
                new String(bytes, from, end - from, StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] b, byte v) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] b, int len, byte v) {
        for (int i = len - 1; i >= 0; i--) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static long count(byte[] b, int from, int to, byte v) {
        long c = 0;
        for (int i = from; i < to; i++) {
            if (b[i] == v) {
                c++;
            }
        }
        return c;
    }
}
