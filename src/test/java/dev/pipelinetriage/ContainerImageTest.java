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

    /** A {@code FROM} with its {@code ${ARG}} replaced by the argument's default. */
    private static String image(String from) throws Exception {
        Matcher arg = Pattern.compile("\\$\\{(\\w+)}").matcher(from);
        if (!arg.find()) {
            return from;
        }
        String name = arg.group(1);
        String value = named("ARG").stream().filter(a -> a.startsWith("ARG " + name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no default for " + name)).substring(("ARG " + name + "=").length());
        return from.replace("${" + name + "}", value);
    }

    @Test
    void itBuildsOnAJdkAndRunsOnAJreOfTheOneJavaVersionTheTestsRunOn() throws Exception {
        List<String> from = named("FROM");

        assertThat(from).hasSize(2);
        assertThat(image(from.getFirst())).matches("FROM eclipse-temurin:25-jdk\\S* AS build");
        assertThat(image(from.getLast())).matches("FROM eclipse-temurin:25-jre\\S*");
        assertThat(named("RUN")).anyMatch(r -> r.contains("./mvnw") && r.contains("package"));
    }

    @Test
    void theJvmPrintsNothingBeforeTheFirstJsonLogLineAndPicksItsCollectorFromTheCgroup() throws Exception {
        String entrypoint = Files.readString(ENTRYPOINT).lines().filter(l -> !l.strip().startsWith("#"))
                .collect(java.util.stream.Collectors.joining("\n"));

        assertThat(entrypoint).doesNotContain("--add-modules").doesNotContain("nproc").doesNotContain("GC");
        assertThat(Files.readString(Path.of("pom.xml"))).doesNotContain("jdk.incubator.vector");
    }

    @Test
    void thePortVariablesTheImageSetsAreTheOnesServeReads() throws Exception {
        var serve = new picocli.CommandLine(new dev.pipelinetriage.cli.Main()).getSubcommands().get("serve")
                .getCommandSpec();
        String env = String.join(" ", named("ENV"));

        assertThat(serve.findOption("--port").defaultValueString(false)).isEqualTo("${env:PIPELINE_TRIAGE_PORT:-3000}");
        assertThat(serve.findOption("--management-port").defaultValueString(false))
                .isEqualTo("${env:PIPELINE_TRIAGE_MANAGEMENT_PORT:-9090}");
        assertThat(env).contains("PIPELINE_TRIAGE_PORT=3000").contains("PIPELINE_TRIAGE_MANAGEMENT_PORT=9090");
        assertThat(named("EXPOSE")).singleElement().isEqualTo("EXPOSE 3000 9090");
        assertThat(instructions().getLast()).isEqualTo("CMD [\"serve\"]");
        assertThat(Files.readString(ENTRYPOINT)).contains("PIPELINE_TRIAGE_MANAGEMENT_PORT");
    }

    @Test
    void theBaseImagesCanBePinnedByDigestFromTheBuildCommand() throws Exception {
        assertThat(named("FROM")).allSatisfy(from -> assertThat(from).containsPattern("FROM \\$\\{\\w+_IMAGE}"));
        assertThat(Files.readString(Path.of("docs/deployment.md"))).contains("--build-arg JRE_IMAGE=")
                .contains("@sha256:");
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
    void theEmbeddedStoresDefaultDirectoryIsWritableByTheImagesUser() throws Exception {
        String user = named("USER").getLast().substring(5).split(":")[0];
        List<String> workdirs = named("WORKDIR");
        Path workdir = Path.of(workdirs.getLast().substring(8).trim());
        Path store = workdir.resolve(dev.pipelinetriage.boot.config.AppConfig.DEFAULT_DATA_DIRECTORY).normalize();

        assertThat(instructions().indexOf(workdirs.getLast())).as("the last WORKDIR is where the process runs")
                .isGreaterThan(instructions().indexOf(named("USER").getLast()));
        assertThat(named("RUN")).as("a RUN gives " + store + " (or a folder above it) to uid " + user)
                .anyMatch(run -> ownedBy(run, user).stream().anyMatch(store::startsWith));
        assertThat(Files.readString(ENTRYPOINT)).as("the entrypoint keeps the working directory")
                .doesNotContainPattern("(?m)^\\s*cd\\s");
    }

    /** Folders a {@code chown UID:GID DIR...} in this RUN hands to {@code uid}. */
    private static List<Path> ownedBy(String run, String uid) {
        List<Path> owned = new java.util.ArrayList<>();
        Matcher chown = Pattern.compile("chown (?:-R )?" + uid + "(?::\\d+)? ((?:/[\\w/.-]+\\s*)+)").matcher(run);
        while (chown.find()) {
            for (String dir : chown.group(1).trim().split("\\s+")) {
                owned.add(Path.of(dir));
            }
        }
        return owned;
    }

    @Test
    void theLicenseLabelNamesTheLicenseFileAndTheSourceLabelComesFromABuildArgument() throws Exception {
        String labels = String.join(" ", named("LABEL"));
        String license = Files.readString(Path.of("LICENSE"));

        assertThat(license).contains("Apache License").contains("Version 2.0, January 2004");
        assertThat(labels).contains("org.opencontainers.image.licenses=\"Apache-2.0\"");
        Matcher source = Pattern.compile("org\\.opencontainers\\.image\\.source=\"\\$\\{(\\w+)}\"").matcher(labels);
        assertThat(source.find()).as("the source label is filled by --build-arg").isTrue();
        assertThat(named("ARG")).anyMatch(a -> a.startsWith("ARG " + source.group(1) + "="));
        assertThat(Files.readString(Path.of("docs/deployment.md"))).contains("--build-arg " + source.group(1) + "=");
        assertThat(named("COPY")).anyMatch(c -> c.startsWith("COPY LICENSE "));
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
