package dev.pipelinetriage.cli.tooling;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts {@link BenchWorker} in a child JVM with a capped heap -- the same classes this JVM runs -- and times it
 * from start to exit. A child per run keeps the measurement honest: no JIT warm-up, heap or page cache of one
 * run helps the next JVM, just as for a user running {@code analyze} once.
 */
record BenchChild(Path java, String classPath, String maxHeap, Optional<Path> knowledgeBase, Path errorLog) {

    /** Exit status the JVM uses for -XX:+ExitOnOutOfMemoryError. */
    private static final int OUT_OF_MEMORY_EXIT = 3;

    /** How one child run ended. */
    sealed interface Outcome permits Completed, Failed {
        double wallSeconds();
    }

    record Completed(double wallSeconds, BenchWorker.Result result) implements Outcome {
    }

    record Failed(double wallSeconds, String reason) implements Outcome {
    }

    /** A child of this very JVM: its java binary and class path (the jar, or the build's classes in tests). */
    static BenchChild ofCurrentJvm(String maxHeap, Optional<Path> knowledgeBase, Path errorLog) {
        return new BenchChild(Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"), maxHeap, knowledgeBase, errorLog);
    }

    List<String> command(Path log) {
        // As the launcher and the image run the jar: without the incubating vector module, whose warning would
        // break the one-JSON-object-per-line logs, and which a small knowledge base's index does not need.
        var command = new ArrayList<>(List.of(java.toString(), "-Xmx" + maxHeap, "-XX:+ExitOnOutOfMemoryError",
                "-cp", classPath, BenchWorker.class.getName()));
        knowledgeBase.ifPresent(kb -> command.addAll(List.of("--kb", kb.toString())));
        command.add(log.toString());
        return command;
    }

    Outcome run(Path log) throws IOException, InterruptedException {
        Files.createDirectories(errorLog.toAbsolutePath().getParent());
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command(log))
                .redirectError(ProcessBuilder.Redirect.to(errorLog.toFile()))
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (exit == OUT_OF_MEMORY_EXIT && Files.readString(errorLog).contains("OutOfMemoryError")) {
            return new Failed(seconds, "no: out of memory (-Xmx" + maxHeap + ")");
        }
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        if (exit != 0 || !last.startsWith("{")) {
            return new Failed(seconds, "no: exit status " + exit + ", see " + errorLog);
        }
        return new Completed(seconds, new ObjectMapper().readValue(last, BenchWorker.Result.class));
    }
}
