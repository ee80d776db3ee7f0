package dev.pipelinetriage.cli.tooling;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Benchmark logs of a given size, built by repeating real corpus logs in a fixed order, so every run (and every
 * machine with the same corpus) measures the same bytes. A built log is cached in {@code workDir} under a name
 * that holds its size and a fingerprint of the corpus, and reused as long as both stay the same.
 *
 * @param sources the corpus logs, in the order they are repeated
 */
record BenchLogs(Path workDir, List<Path> sources, String fingerprint) {

    /** Room left on the disk after writing a log, so a benchmark never fills it for everyone else. */
    static final long DISK_MARGIN_BYTES = 1L << 30;

    BenchLogs {
        sources = List.copyOf(sources);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no corpus logs to repeat");
        }
    }

    /** The logs under {@code corpus}: every {@code log.txt} or {@code *.log} file, sorted by path. */
    static BenchLogs of(Path corpus, Path workDir) throws IOException {
        List<Path> logs;
        try (Stream<Path> files = Files.walk(corpus)) {
            logs = files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().equals("log.txt") || p.getFileName().toString().endsWith(".log"))
                    .sorted()
                    .toList();
        }
        if (logs.isEmpty()) {
            throw new IllegalArgumentException("no log.txt or *.log files under " + corpus);
        }
        return new BenchLogs(workDir, logs, fingerprint(corpus, logs));
    }

    /** Where the log of {@code bytes} bytes is cached, whether or not it has been built yet. */
    Path cachePath(long bytes) {
        return workDir.resolve("corpus-" + bytes + "-" + fingerprint + ".log");
    }

    /** The cached log of {@code bytes} bytes (at most; it ends on a line boundary), built first if needed. */
    Path logOfSize(long bytes) throws IOException {
        Path target = cachePath(bytes);
        if (Files.isRegularFile(target)) {
            return target;
        }
        Files.createDirectories(workDir);
        long usable = Files.getFileStore(workDir).getUsableSpace();
        if (usable - bytes < DISK_MARGIN_BYTES) {
            throw new IllegalStateException("not enough disk space for a " + bytes / 1_000_000 + " MB log in " + workDir
                    + ": " + usable / 1_000_000 + " MB free, keeping at least " + DISK_MARGIN_BYTES / 1_000_000 + " MB");
        }
        // Written aside and moved into place, so an interrupted build never leaves a short log in the cache.
        Path partial = workDir.resolve(target.getFileName() + ".part");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20)) {
            write(bytes, out);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /**
     * Writes whole corpus logs, cycling through them, until the next one no longer fits; then as many of its
     * whole lines as fit. Every log ends with a newline so no two logs share a line.
     */
    void write(long bytes, OutputStream out) throws IOException {
        long remaining = bytes;
        int emptyInARow = 0;
        for (int i = 0; ; i = (i + 1) % sources.size()) {
            byte[] log = Files.readAllBytes(sources.get(i));
            if (log.length == 0) {
                if (++emptyInARow == sources.size()) {
                    return; // nothing to repeat
                }
                continue;
            }
            emptyInARow = 0;
            boolean addNewline = log[log.length - 1] != '\n';
            long length = log.length + (addNewline ? 1 : 0);
            if (length <= remaining) {
                out.write(log);
                if (addNewline) {
                    out.write('\n');
                }
                remaining -= length;
                continue;
            }
            int end = lastNewlineBefore(log, (int) remaining);
            out.write(log, 0, end);
            return;
        }
    }

    /** The length of the longest prefix of {@code log} within {@code limit} bytes that ends with a newline. */
    private static int lastNewlineBefore(byte[] log, int limit) {
        for (int i = Math.min(limit, log.length) - 1; i >= 0; i--) {
            if (log[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    /** Relative paths and sizes: a changed, added or removed corpus log gives new cache names. */
    private static String fingerprint(Path corpus, List<Path> logs) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path log : logs) {
                String entry = corpus.relativize(log) + "\t" + Files.size(log) + "\n";
                digest.update(entry.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 4);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
