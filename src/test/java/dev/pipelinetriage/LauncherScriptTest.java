package dev.pipelinetriage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code pipeline-triage} launcher run for real by {@code sh}, in a copy of the project whose {@code mvnw} and
 * JDKs are small scripts that say what they were asked: which JDK the launcher picks when the default java is
 * too old, and that {@code test} is the README's test command, {@code ./mvnw -B verify}, on that JDK.
 */
class LauncherScriptTest {
    @TempDir
    Path dir;
    private Path project;
    private Path defaultBin;

    @BeforeEach
    void aProjectCopyWhoseDefaultJavaIs17() throws IOException {
        project = Files.createDirectories(dir.resolve("project"));
        Files.copy(Path.of("pipeline-triage"), project.resolve("pipeline-triage"), StandardCopyOption.COPY_ATTRIBUTES);
        script(project.resolve("mvnw"), "echo \"mvnw JAVA_HOME=$JAVA_HOME MAVEN_OPTS=$MAVEN_OPTS args=$*\"");
        Files.createDirectories(project.resolve("target"));
        Files.writeString(project.resolve("target/pipeline-triage.jar"), "not a real jar");
        defaultBin = fakeJdk(dir.resolve("default"), "17.0.2").resolve("bin");
    }

    @Test
    @DisplayName("with java 17 as the default, 'test' runs ./mvnw -B verify on the installed JDK 21+, not on 11")
    void testRunsMavenVerifyOnTheNewestInstalledJdkWhenTheDefaultIsTooOld() throws Exception {
        fakeJdk(dir.resolve("jvm/java-11-openjdk"), "11.0.20");
        Path jdk25 = fakeJdk(dir.resolve("jvm/temurin-25-jdk"), "25.0.1");

        Run run = launch(Map.of(), "test");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("mvnw JAVA_HOME=" + jdk25 + " ")
                .contains("--sun-misc-unsafe-memory-access=allow").contains("args=-B verify");
    }

    @Test
    void extraArgumentsAfterTestGoToMaven() throws Exception {
        fakeJdk(dir.resolve("jvm/jdk-21"), "21.0.4");

        Run run = launch(Map.of(), "test", "-o", "-Dtest=SomeTest");

        assertThat(run.output()).contains("args=-B verify -o -Dtest=SomeTest");
    }

    @Test
    void aJavaHomeOf21WinsAndGetsNoFlagThatOnlyNewerJvmsAccept() throws Exception {
        fakeJdk(dir.resolve("jvm/temurin-25-jdk"), "25.0.1");
        Path jdk21 = fakeJdk(dir.resolve("elsewhere/jdk-21"), "21.0.4");

        Run run = launch(Map.of("JAVA_HOME", jdk21.toString()), "test");

        assertThat(run.output()).contains("mvnw JAVA_HOME=" + jdk21 + " ").doesNotContain("--sun-misc-unsafe-memory-access");
    }

    @Test
    void otherCommandsRunTheJarOnThePickedJdk() throws Exception {
        fakeJdk(dir.resolve("jvm/temurin-25-jdk"), "25.0.1");

        Run run = launch(Map.of(), "demo");

        assertThat(run.exit()).isZero();
        assertThat(run.output()).contains("java 25.0.1 ran: -Xmx512m -jar " + project.resolve("target/pipeline-triage.jar")
                + " demo");
    }

    @Test
    void withoutAnyJdk21TheLauncherSaysWhatItNeedsAndStops() throws Exception {
        fakeJdk(dir.resolve("jvm/java-11-openjdk"), "11.0.20");

        Run run = launch(Map.of(), "test");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output()).contains("needs Java 21 or newer (found 17)").doesNotContain("mvnw");
    }

    @Test
    void theCiScriptRunsExactlyTheReadmesTestCommand() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String quickStart = readme.substring(readme.indexOf("## Quick start"), readme.indexOf("## The command line"));
        java.util.List<String> commands = quickStart.lines().filter(l -> l.startsWith("./"))
                .map(l -> l.replaceFirst("\\s+#.*", "").strip()).toList();
        java.util.List<String> ci = Files.readAllLines(Path.of(".ci/run")).stream().map(String::strip)
                .filter(l -> l.startsWith("./")).toList();

        assertThat(commands).hasSize(2).contains("./pipeline-triage demo");
        assertThat(ci).containsExactly(commands.get(1));
    }

    private record Run(int exit, String output) {
    }

    private Run launch(Map<String, String> extraEnv, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().add("sh");
        builder.command().add(project.resolve("pipeline-triage").toString());
        builder.command().addAll(java.util.List.of(args));
        builder.environment().clear();
        builder.environment().put("PATH", defaultBin + ":/usr/bin:/bin");
        builder.environment().put("PIPELINE_TRIAGE_JDK_SEARCH", dir.resolve("jvm") + "/*");
        builder.environment().putAll(extraEnv);
        Process process = builder.redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** A JDK folder whose java prints {@code version} like OpenJDK does and otherwise says what it was asked to run. */
    private static Path fakeJdk(Path home, String version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        script(home.resolve("bin/java"), "if [ \"$1\" = -version ]; then echo 'openjdk version \"" + version
                + "\" 2025-01-01' >&2; exit 0; fi\necho \"java " + version + " ran: $*\"");
        script(home.resolve("bin/javac"), "exit 0");
        return home;
    }

    private static void script(Path path, String body) throws IOException {
        Files.writeString(path, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
