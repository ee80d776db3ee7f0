package dev.pipelinetriage.engine.normalize;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * What a log's first bytes say it is packed in, whatever its name or content type claims. A gzip stream is one
 * file, so it is read through; a zip archive holds several, and which one is the job's log cannot be guessed, so it
 * is refused by name rather than read as text (its compressed bytes would fill the excerpt).
 */
public final class LogPacking {

    /** A zip archive where one log's text was expected. */
    public static final class ZipArchiveException extends IOException {
        ZipArchiveException() {
            super("a zip archive, not a log: unpack it and analyze the job's log file inside");
        }
    }

    private LogPacking() {
    }

    /**
     * The log's text: {@code in} itself (buffered), or its decompressed content when it starts with gzip's magic
     * bytes. Reads nothing but the first four bytes before returning.
     *
     * @throws ZipArchiveException when it starts like a zip archive (a local file header, or an empty archive's end)
     */
    public static InputStream unpacked(InputStream in) throws IOException {
        BufferedInputStream buffered = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, 64 * 1024);
        buffered.mark(4);
        byte[] magic = buffered.readNBytes(4);
        buffered.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return new GZIPInputStream(buffered, 64 * 1024);
        }
        if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K'
                && (magic[2] == 3 && magic[3] == 4 || magic[2] == 5 && magic[3] == 6)) {
            throw new ZipArchiveException();
        }
        return buffered;
    }
}
