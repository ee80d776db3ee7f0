package dev.pipelinetriage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile read as text, since no Docker daemon runs here: stages, user, health check, labels, no secrets,
 * and every file it copies from the repository exists where it says.
 */
class ContainerImageTest {
    private static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final Path ENTRYPOINT = Path.of("src/main/docker/entrypoint.sh");

    private static List<String> instructions() throws Exception {
        // Continuation lines joined, comments dropped: one Dockerfile instruction per element.
        String text = Files.readString(DOCKERFILE).replaceAll("\\\\\\r?\\n", " ");
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static List<String> named(String keyword) throws Exception {
        return instructions().stream().filter(l -> l.startsWith(keyword + " ")).toList();
    }

    @Test
    void itBuildsOnAJdkAndRunsOnAJre() throws Exception {
        List<String> from = named("FROM");

        assertThat(from).hasSize(2);
        assertThat(from.getFirst()).matches("FROM eclipse-temurin:(21|25)-jdk\\S* AS build");
        assertThat(from.getLast()).matches("FROM eclipse-temurin:(21|25)-jre\\S*");
        assertThat(named("RUN")).anyMatch(r -> r.contains("./mvnw") && r.contains("package"));
    }

    @Test
    void itRunsAsANumericNonRootUser() throws Exception {
        List<String> users = named("USER");

        assertThat(users).isNotEmpty();
        assertThat(users.getLast()).matches("USER [1-9]\\d{3,}(:[1-9]\\d{3,})?");
        assertThat(instructions().getLast()).startsWith("CMD");
        assertThat(instructions().indexOf(users.getLast())).isGreaterThan(instructions().indexOf(named("COPY").getLast()));
    }

    @Test
    void itChecksItsOwnHealthOnHealthz() throws Exception {
        assertThat(named("HEALTHCHECK")).singleElement().satisfies(h -> assertThat(h).contains("entrypoint.sh")
                .contains("healthcheck"));
        assertThat(Files.readString(ENTRYPOINT)).contains("GET /healthz");
    }

    @Test
    void itCarriesTheOciLabels() throws Exception {
        String labels = String.join(" ", named("LABEL"));

        for (String label : List.of("title", "description", "version", "revision", "source", "licenses")) {
            assertThat(labels).contains("org.opencontainers.image." + label + "=");
        }
    }

    @Test
    void noSecretIsPassedToOrStoredInALayer() throws Exception {
        Pattern secretName = Pattern.compile("(?i)(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|PRIVATE|CREDENTIAL)");
        for (String line : instructions()) {
            if (line.startsWith("ENV ") || line.startsWith("ARG ")) {
                for (String assignment : line.substring(4).trim().split("\\s+")) {
                    assertThat(assignment.split("=")[0]).as(line).doesNotContainPattern(secretName);
                }
            }
            assertThat(line).as("no build secret mounts or secret files copied").doesNotContain("--mount=type=secret")
                    .doesNotContainPattern("(?i)COPY .*(\\.env|token|secret)");
        }
    }

    @Test
    void everyFileTheImageCopiesFromTheRepositoryExists() throws Exception {
        Pattern copy = Pattern.compile("COPY (?!--from)(.+) (\\S+)");
        for (String line : named("COPY")) {
            Matcher m = copy.matcher(line);
            if (m.matches()) {
                for (String source : m.group(1).trim().split("\\s+")) {
                    assertThat(Path.of(source)).as(line).exists();
                }
            }
        }
        assertThat(named("COPY")).anyMatch(c -> c.contains("knowledge-base")).anyMatch(c -> c.contains("runbooks"))
                .anyMatch(c -> c.contains("/src/target/pipeline-triage.jar"));
        assertThat(Files.readString(Path.of("pom.xml"))).contains("<finalName>pipeline-triage</finalName>");
    }

    @Test
    void theEntrypointIsAnExecutableBashScriptThatParses() throws Exception {
        assertThat(Files.isExecutable(ENTRYPOINT)).isTrue();
        assertThat(Files.readAllLines(ENTRYPOINT).getFirst()).isEqualTo("#!/usr/bin/env bash");
        Process syntax = new ProcessBuilder("bash", "-n", ENTRYPOINT.toString()).redirectErrorStream(true).start();
        assertThat(syntax.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(syntax.getInputStream().readAllBytes())).isEmpty();
        assertThat(syntax.exitValue()).isZero();
    }
}
