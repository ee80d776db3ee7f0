package dev.pipelinetriage.boot.config;

import java.nio.file.Path;
import java.util.Objects;

/** The {@code store:} section: where the embedded state (de-dup, cards, feedback, audit log) lives. */
public record StoreSection(Path directory) {
    public StoreSection {
        Objects.requireNonNull(directory, "directory");
    }
}
