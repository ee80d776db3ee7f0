package dev.pipelinetriage.engine.normalize;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream on '\n' without decoding it, keeping at most {@code maxBytes} of each line so one
 * enormous line (a minified bundle, a binary blob) cannot exhaust memory. A trailing '\r' (CRLF) is dropped.
 */
final class RawLineReader {

    record RawLine(byte[] bytes, int length, long cutBytes) {
    }

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean eof;

    RawLineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line, or null at the end of the stream. A final line without '\n' still counts. */
    RawLine next() throws IOException {
        byte[] line = new byte[Math.min(256, maxBytes)];
        int length = 0;
        long cut = 0;
        boolean sawAnything = false;
        while (true) {
            if (position == limit) {
                if (eof || !fill()) {
                    if (!sawAnything) {
                        return null;
                    }
                    return finish(line, length, cut);
                }
            }
            sawAnything = true;
            int start = position;
            int newline = -1;
            for (int i = start; i < limit; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int end = newline >= 0 ? newline : limit;
            int chunk = end - start;
            int room = maxBytes - length;
            int take = Math.min(chunk, room);
            if (take > 0) {
                if (length + take > line.length) {
                    line = Arrays.copyOf(line, Math.min(maxBytes, Math.max(line.length * 2, length + take)));
                }
                System.arraycopy(buffer, start, line, length, take);
                length += take;
            }
            cut += chunk - take;
            position = newline >= 0 ? newline + 1 : limit;
            if (newline >= 0) {
                return finish(line, length, cut);
            }
        }
    }

    private static RawLine finish(byte[] line, int length, long cut) {
        if (cut == 0 && length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return new RawLine(line, length, cut);
    }

    private boolean fill() throws IOException {
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
