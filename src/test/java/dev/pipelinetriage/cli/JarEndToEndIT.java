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
                // Short runs: the C1 compiler alone halves their CPU. What is under test is the jar, not the JIT.
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", System.getProperty("pipelineTriage.jar")));
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

    @Test
    void onAJavaOlderThan21TheJarSaysWhatToDoInsteadOfAClassVersionError() throws Exception {
        Path old = olderJava();
        Process process = new ProcessBuilder(old.toString(), "-jar", System.getProperty("pipelineTriage.jar"), "demo").start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(out).isEmpty();
        assertThat(err).contains("needs Java 21 or newer, but this is Java").contains("./pipeline-triage")
                .doesNotContain("UnsupportedClassVersionError").doesNotContain("Exception");
    }

    /** A java older than 21 installed beside this one (Debian and Ubuntu keep them in /usr/lib/jvm). */
    private static Path olderJava() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(jvms), "no /usr/lib/jvm to find an older Java in");
        try (var homes = Files.list(jvms)) {
            var old = homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> releaseOf(home) > 0 && releaseOf(home) < 21).map(home -> home.resolve("bin/java"))
                    .findFirst();
            org.junit.jupiter.api.Assumptions.assumeTrue(old.isPresent(), "no Java older than 21 installed in /usr/lib/jvm");
            return old.get();
        }
    }

    /** The feature release in a JDK's {@code release} file ({@code JAVA_VERSION="17.0.2"}), 0 when unknown. */
    private static int releaseOf(Path home) {
        try {
            var m = java.util.regex.Pattern.compile("JAVA_VERSION=\"(?:1\\.)?(\\d+)").matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Test
    void theJarKeepsEveryDependencysNoticeAndLicense() throws Exception {
        try (var jar = new java.util.zip.ZipFile(System.getProperty("pipelineTriage.jar"))) {
            String notice = new String(jar.getInputStream(jar.getEntry("META-INF/NOTICE")).readAllBytes(), StandardCharsets.UTF_8);
            String license = new String(jar.getInputStream(jar.getEntry("META-INF/LICENSE")).readAllBytes(), StandardCharsets.UTF_8);
            String licenseTxt = new String(jar.getInputStream(jar.getEntry("META-INF/LICENSE.txt")).readAllBytes(),
                    StandardCharsets.UTF_8);

            assertThat(notice).contains("Apache Lucene").contains("Jackson").contains("Apache Commons Text");
            assertThat(license).contains("PostgreSQL Global Development Group").contains("Apache License");
            assertThat(licenseTxt).contains("QOS.ch").contains("Apache License");
        }
    }
}
