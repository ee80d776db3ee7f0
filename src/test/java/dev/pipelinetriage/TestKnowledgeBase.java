package dev.pipelinetriage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A writable copy of the repository's knowledge base, for tests that change it under a running bot. */
public final class TestKnowledgeBase {
    private TestKnowledgeBase() {
    }

    /** Copies knowledge-base/ and runbooks/ side by side into {@code dir}; answers the knowledge-base folder. */
    public static Path copyInto(Path dir) throws IOException {
        for (String folder : new String[] {"knowledge-base", "runbooks"}) {
            Path copy = Files.createDirectories(dir.resolve(folder));
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
        }
        return dir.resolve("knowledge-base");
    }
}
