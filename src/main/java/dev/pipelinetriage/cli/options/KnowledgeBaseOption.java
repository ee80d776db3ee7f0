package dev.pipelinetriage.cli.options;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --kb DIR}: a knowledge-base directory instead of the one bundled in the jar. */
public final class KnowledgeBaseOption {

    @Option(names = "--kb", paramLabel = "DIR",
            description = "Knowledge-base directory (default: the bundled knowledge base).")
    Path directory;

    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }
}
