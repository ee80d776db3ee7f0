package dev.pipelinetriage.cli.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench command as a user runs it, on a 1 MB log built from the bundled samples, in a heap-capped child. */
class BenchCommandIT {

    @Test
    void benchBuildsTheLogAnalyzesItInAChildAndPrintsTheTable(@TempDir Path dir) throws Exception {
        Path root = Path.of(System.getProperty("pipelineTriage.root"));
        Path corpus = dir.resolve("corpus");
        Files.createDirectories(corpus);
        for (String name : List.of("github-actions-maven-network.log", "gitlab-rust-compile-error.log")) {
            Files.copy(root.resolve("src/main/resources/samples").resolve(name), corpus.resolve(name));
        }
        Path json = dir.resolve("bench.json");
        // The parent JVM only builds the log and starts the child and rg: C1 alone is enough for it.
        var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-jar", System.getProperty("pipelineTriage.jar"), "bench", "--sizes", "1",
                "--runs", "1", "--corpus", corpus.toString(), "--work-dir", dir.resolve("work").toString(), "--json", json.toString());
        Process process = new ProcessBuilder(command).directory(root.toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("bench finished").isTrue();
        String output = new String(out, StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(output + new String(err, StandardCharsets.UTF_8)).isZero();
        assertThat(output).contains("| size MB | ours s | analyze s | analyze CPU s | analyze MB/CPU s |")
                .containsPattern("\\| 1 \\| [0-9.]+ \\| .*\\| yes \\|");
        JsonNode result = new ObjectMapper().readTree(json.toFile()).get("results").get(0);
        assertThat(result.get("completed").asText()).isEqualTo("yes");
        assertThat(result.get("bytes").asLong()).isBetween(900_000L, 1_000_000L);
        assertThat(result.get("peakHeapMb").asDouble()).isPositive().isLessThanOrEqualTo(256);
        try (var built = Files.list(dir.resolve("work"))) {
            assertThat(built.map(p -> p.getFileName().toString())).anyMatch(name -> name.matches("corpus-1000000-[0-9a-f]{8}\\.log"));
        }
    }
}
