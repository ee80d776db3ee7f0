package dev.pipelinetriage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A writable copy of the repository's knowledge base, for tests that change it under a running bot. */
public final class TestKnowledgeBase {
    private TestKnowledgeBase() {
    }

    /** Copies knowledge-base/ and runbooks/ side by side into {@code dir}; answers the knowledge-base folder. */
    public static Path copyInto(Path dir) throws IOException {
        return copyInto(dir, file -> true);
    }

    /**
     * Copies only the entries {@code ids} of knowledge-base/, with its README and all runbooks/: for tests of how a
     * knowledge base is loaded and reloaded, which need real entries but not all of them (every load checks each
     * entry's examples, which for the whole base costs seconds).
     */
    public static Path copyEntriesInto(Path dir, String... ids) throws IOException {
        Set<String> names = Arrays.stream(ids).map(id -> id + ".yaml").collect(Collectors.toSet());
        for (String name : names) {
            if (!Files.isRegularFile(Path.of("knowledge-base", name))) {
                throw new IllegalArgumentException("no entry knowledge-base/" + name);
            }
        }
        return copyInto(dir, file -> !file.getFileName().toString().endsWith(".yaml")
                || !file.getParent().getFileName().toString().equals("knowledge-base")
                || names.contains(file.getFileName().toString()));
    }

    private static Path copyInto(Path dir, Predicate<Path> wanted) throws IOException {
        for (String folder : new String[] {"knowledge-base", "runbooks"}) {
            Path copy = Files.createDirectories(dir.resolve(folder));
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                for (Path f : files.filter(Files::isRegularFile).filter(wanted).toList()) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
        }
        return dir.resolve("knowledge-base");
    }
}
