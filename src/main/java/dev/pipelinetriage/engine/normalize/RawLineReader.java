package dev.pipelinetriage.engine.normalize;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines without decoding it, keeping at most {@code maxBytes} of each line so one
 * enormous line (a minified bundle, a progress bar rewritten a million times) cannot exhaust memory. An over-long
 * line keeps its head and its tail, where the error usually is; the piece the cut splits on either side is dropped
 * with the middle, so no fragment of a token survives that later redaction could no longer recognize.
 *
 * <p>Lines end at '\n' (a trailing '\r' of CRLF is dropped). A log whose first 64 KiB hold carriage returns but
 * no '\n' uses '\r' alone as its line separator (old Mac style, some Windows tools); it is then split at '\r' and
 * '\n' alike, so it is read line by line instead of as one line of overwrites.
 */
final class RawLineReader {

    /**
     * One physical line: {@code bytes[offset, offset + length)}, where {@code cutBytes > 0} means that many bytes were
     * left out at {@code offset + cutAt}. The bytes may be the reader's own buffer: read them before the next line.
     */
    record RawLine(byte[] bytes, int offset, int length, int cutAt, long cutBytes) {
    }

    private static final int BUFFER_BYTES = 64 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;
    private boolean eof;
    private Boolean carriageReturnOnly;
    /** In a CR-only log, a '\n' right after the '\r' that ended the previous line belongs to that line. */
    private boolean lastEndedWithCarriageReturn;

    private final byte[] head;
    private final byte[] tail;

    RawLineReader(InputStream in, int maxBytes) {
        if (maxBytes < 16) {
            throw new IllegalArgumentException("maxBytes must be at least 16, got " + maxBytes);
        }
        this.in = in;
        this.head = new byte[maxBytes / 2];
        this.tail = new byte[maxBytes - maxBytes / 2];
    }

    /** The next line, or null at the end of the stream. A final line without a line end still counts. */
    RawLine next() throws IOException {
        if (carriageReturnOnly == null) {
            carriageReturnOnly = detectCarriageReturnOnly();
        }
        int headLength = 0;
        long tailFill = 0; // bytes written to the ring; position tailFill % tail.length is next
        boolean sawAnything = false;
        while (true) {
            if (position == limit && !fill()) {
                return sawAnything ? finish(headLength, tailFill, false) : null;
            }
            if (lastEndedWithCarriageReturn) {
                lastEndedWithCarriageReturn = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            sawAnything = true;
            int start = position;
            int end = lineEnd(start);
            if (headLength == 0 && end < limit && end - start <= head.length) {
                return inBuffer(start, end); // the whole line is in the buffer: nothing to copy
            }
            int toHead = Math.min(end - start, head.length - headLength);
            System.arraycopy(buffer, start, head, headLength, toHead);
            headLength += toHead;
            for (int i = start + toHead; i < end; i++) {
                tail[(int) (tailFill++ % tail.length)] = buffer[i];
            }
            if (end < limit) {
                boolean carriageReturn = buffer[end] == '\r';
                position = end + 1;
                lastEndedWithCarriageReturn = carriageReturn;
                return finish(headLength, tailFill, carriageReturn);
            }
            position = limit;
        }
    }

    /** The line {@code buffer[start, end)}, where {@code end} holds its line break, read in place. */
    private RawLine inBuffer(int start, int end) {
        boolean carriageReturn = buffer[end] == '\r';
        position = end + 1;
        lastEndedWithCarriageReturn = carriageReturn;
        int length = end - start;
        if (!carriageReturn && length > 0 && buffer[end - 1] == '\r') {
            length--; // CRLF
        }
        return new RawLine(buffer, start, length, length, 0);
    }

    private int lineEnd(int from) {
        for (int i = from; i < limit; i++) {
            byte b = buffer[i];
            if (b == '\n' || (b == '\r' && carriageReturnOnly)) {
                return i;
            }
        }
        return limit;
    }

    private RawLine finish(int headLength, long tailFill, boolean endedByCarriageReturn) {
        int tailLength = (int) Math.min(tailFill, tail.length);
        long cut = tailFill - tailLength;
        int tailStart = (int) (tailFill % tail.length); // oldest byte in a full ring
        byte[] tailBytes = new byte[tailLength];
        if (tailFill <= tail.length) {
            System.arraycopy(tail, 0, tailBytes, 0, tailLength);
        } else {
            System.arraycopy(tail, tailStart, tailBytes, 0, tail.length - tailStart);
            System.arraycopy(tail, 0, tailBytes, tail.length - tailStart, tailStart);
        }
        int keptHead = headLength;
        int tailFrom = 0;
        if (cut > 0) {
            // Drop the run of non-delimiters on each side of the cut: it may be part of a secret.
            while (keptHead > 0 && !isDelimiter(head[keptHead - 1])) {
                keptHead--;
            }
            while (tailFrom < tailLength && !isDelimiter(tailBytes[tailFrom])) {
                tailFrom++;
            }
            cut += (headLength - keptHead) + tailFrom;
        }
        int length = keptHead + tailLength - tailFrom;
        if (!endedByCarriageReturn && length > 0 && lastByte(keptHead, tailBytes, tailFrom, tailLength) == '\r') {
            length--; // CRLF
        }
        byte[] bytes = new byte[length];
        System.arraycopy(head, 0, bytes, 0, Math.min(keptHead, length));
        if (length > keptHead) {
            System.arraycopy(tailBytes, tailFrom, bytes, keptHead, length - keptHead);
        }
        return new RawLine(bytes, 0, length, Math.min(keptHead, length), cut);
    }

    private byte lastByte(int keptHead, byte[] tailBytes, int tailFrom, int tailLength) {
        return tailLength > tailFrom ? tailBytes[tailLength - 1] : head[keptHead - 1];
    }

    /** Bytes that no token contains: whitespace, quotes, brackets and list separators. */
    private static boolean isDelimiter(byte b) {
        return switch (b) {
            case ' ', '\t', '\r', '"', '\'', '`', ',', ';', '(', ')', '<', '>', '[', ']', '{', '}', '|' -> true;
            default -> false;
        };
    }

    /** Reads up to a full buffer and looks for the first '\n'; a log without one but with '\r' is CR-only. */
    private boolean detectCarriageReturnOnly() throws IOException {
        while (limit < buffer.length && !eof) {
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n <= 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
        boolean carriageReturn = false;
        for (int i = 0; i < limit; i++) {
            if (buffer[i] == '\n') {
                return false;
            }
            carriageReturn |= buffer[i] == '\r';
        }
        return carriageReturn;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
