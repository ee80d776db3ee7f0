package dev.pipelinetriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the built jar the way a user does, on the bundled sample logs. */
class JarEndToEndIT {

    record Result(int exit, String out, String err) {
    }

    private static Result run(Path stdin, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", System.getProperty("pipelineTriage.jar")));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).directory(Path.of(System.getProperty("pipelineTriage.root")).toFile());
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the jar finished").isTrue();
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static Path sample(String name) {
        return Path.of(System.getProperty("pipelineTriage.root"), "src/main/resources/samples", name);
    }

    @Test
    void demoTriagesTheBundledSamplesWithoutCredentialsOrServers() throws Exception {
        var result = run(null, "demo");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("Verdict:     platform").contains("Verdict:     code");
    }

    @Test
    void analyzeJsonHasTheStableFieldNames() throws Exception {
        var result = run(null, "analyze", "--json", sample("github-actions-maven-network.log").toString());
        assertThat(result.exit()).as(result.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("verdict").asText()).isEqualTo("platform");
        assertThat(json.has("confidence")).isTrue();
        assertThat(json.get("failedStep").asText()).isEqualTo("Run mvn -B verify");
        assertThat(json.has("match")).isTrue();
        assertThat(json.get("excerpt").size()).isBetween(1, 30);
        assertThat(json.get("excerpt").get(0).has("line")).isTrue();
        assertThat(json.get("truncated").asBoolean()).isFalse();
        assertThat(json.get("rerun").asText()).isIn("safe", "unsafe", "never");
    }

    @Test
    void analyzeReadsStandardInputAndHonoursMaxLines() throws Exception {
        var result = run(sample("gitlab-rust-compile-error.log"), "analyze", "--json", "--max-lines", "5", "-");
        assertThat(result.exit()).as(result.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("verdict").asText()).isEqualTo("code");
        assertThat(json.get("excerpt").size()).isLessThanOrEqualTo(5);
    }

    @Test
    void theJarPrintsItsVersion() throws Exception {
        var result = run(null, "--version");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out().strip()).matches("pipeline-triage \\d+\\.\\d+\\.\\d+\\S*");
    }

    @Test
    void aMissingLogFileIsAClearErrorNotAStackTrace() throws Exception {
        var result = run(null, "analyze", "no/such/build.log");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("no such log file: no/such/build.log").doesNotContain("Exception");
    }

    @Test
    void evalWritesOnePredictionPerCaseInTheScorersFormat(@TempDir Path dir) throws Exception {
        Path cases = dir.resolve("cases");
        Files.createDirectories(cases.resolve("case-1"));
        Files.copy(sample("gitlab-rust-compile-error.log"), cases.resolve("case-1/log.txt"));
        var result = run(null, "eval", cases.toString(), dir.resolve("out").toString());
        assertThat(result.exit()).as(result.err()).isZero();
        JsonNode prediction = new ObjectMapper().readTree(dir.resolve("out/case-1.json").toFile());
        assertThat(prediction.get("label").asText()).isEqualTo("code");
        assertThat(prediction.get("excerpt").isArray()).isTrue();
        assertThat(prediction.get("excerpt").get(0).isTextual()).isTrue();
    }
}
