package dev.pipelinetriage.cli;

import dev.pipelinetriage.engine.normalize.LogPacking;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * The log {@code analyze} reads: a file or standard input, gzip-compressed or not (told by its magic bytes, not its
 * name; a zip archive is refused, see {@link LogPacking}). Whatever goes wrong opening or reading it becomes one line
 * that names the log and the reason, never a stack trace.
 */
final class LogInput {

    /** Opening a log: a stream to read, or the one line that says why there is none. */
    sealed interface Opened permits Readable, Unreadable {
    }

    record Readable(InputStream in) implements Opened {
    }

    record Unreadable(String message) implements Opened {
    }

    private LogInput() {
    }

    /** Opens {@code source}: {@code -} for {@code stdin}, else a file path. */
    static Opened open(String source, InputStream stdin) {
        try {
            if (source.equals("-")) {
                return new Readable(LogPacking.unpacked(stdin));
            }
            Path path = Path.of(source);
            if (Files.isDirectory(path)) {
                return new Unreadable(source + " is a directory, not a log file");
            }
            return new Readable(LogPacking.unpacked(Files.newInputStream(path)));
        } catch (NoSuchFileException e) {
            return new Unreadable("no such log file: " + source);
        } catch (IOException e) {
            return new Unreadable(readError(source, e));
        }
    }

    /** The one line for a failure while reading {@code source}: an I/O error, or a damaged gzip stream. */
    static String readError(String source, Exception failure) {
        Throwable cause = failure instanceof UncheckedIOException unchecked ? unchecked.getCause() : failure;
        String reason;
        if (cause instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (cause instanceof FileSystemException fs && fs.getReason() != null) {
            reason = fs.getReason();
        } else if (cause instanceof LogPacking.ZipArchiveException) {
            reason = cause.getMessage();
        } else if (cause instanceof ZipException || cause instanceof java.io.EOFException) {
            reason = "not a readable gzip file (" + cause.getMessage() + ")";
        } else {
            reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        }
        return "cannot read log file " + source + ": " + reason;
    }
}
