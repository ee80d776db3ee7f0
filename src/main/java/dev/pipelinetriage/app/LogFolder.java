package dev.pipelinetriage.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/** The job logs in a folder: flat {@code *.log} / {@code *.txt} files, and {@code <id>/log.txt} case folders. */
public final class LogFolder {

    /** One log: its id (file name without extension, or the case folder's name) and where it is. */
    public record LogFile(String id, Path path) {
        public LogFile {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(path, "path");
        }
    }

    private LogFolder() {
    }

    /** The folder's logs, sorted by id. */
    public static List<LogFile> list(Path folder) {
        List<LogFile> logs = new ArrayList<>();
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                if (Files.isRegularFile(child) && (lower.endsWith(".log") || lower.endsWith(".txt"))) {
                    logs.add(new LogFile(name.substring(0, name.lastIndexOf('.')), child));
                } else if (Files.isRegularFile(child.resolve("log.txt"))) {
                    logs.add(new LogFile(name, child.resolve("log.txt")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list logs in " + folder, e);
        }
        logs.sort(Comparator.comparing(LogFile::id));
        return List.copyOf(logs);
    }
}
