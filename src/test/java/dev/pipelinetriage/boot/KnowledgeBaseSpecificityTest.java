package dev.pipelinetriage.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.TriageService;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.domain.NamedError;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The repository's knowledge base, end to end: a more specific entry wins over the generic one of its family. */
class KnowledgeBaseSpecificityTest {

    private static TriageService triage;

    @BeforeAll
    static void loadTheRepositoryKnowledgeBase() {
        var loaded = (KnowledgeBaseLoad.Loaded) Bootstrap.knowledgeBase(Optional.of(Path.of("knowledge-base")));
        triage = Bootstrap.triageService(loaded.knownErrors());
    }

    private static NamedError matchOf(String log) {
        var report = triage.analyze(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), 30, false);
        assertThat(report.match()).as("a known error is named").isNotNull();
        return report.match();
    }

    @Test
    @DisplayName("javac's 'class file has wrong version' is named as the class-file-version entry, not the generic javac entry")
    void aClassFileVersionErrorWinsOverTheGenericJavacEntry() {
        NamedError match = matchOf("""
                [INFO] --- maven-compiler-plugin:3.8.1:compile (default-compile) @ app ---
                [INFO] Compiling 12 source files to /home/runner/work/app/app/target/classes
                [INFO] -------------------------------------------------------------
                [ERROR] COMPILATION ERROR :
                [INFO] -------------------------------------------------------------
                [ERROR] /home/runner/work/app/app/src/main/java/com/example/App.java:[3,20] cannot access org.example.lib.Client
                  bad class file: /home/runner/.m2/repository/org/example/lib/2.0/lib-2.0.jar(org/example/lib/Client.class)
                    class file has wrong version 61.0, should be 55.0
                    Please remove or make sure it appears in the correct subdirectory of the classpath.
                [INFO] 1 error
                [INFO] -------------------------------------------------------------
                [INFO] BUILD FAILURE
                [ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.8.1:compile (default-compile) on project app: Compilation failure
                """);

        assertThat(match.knownError().id()).isEqualTo("jvm-class-version-mismatch");
        assertThat(match.patternFired()).isTrue();
    }

    @Test
    @DisplayName("an ordinary javac error stays the generic javac entry")
    void anOrdinaryJavacErrorStaysTheGenericEntry() {
        NamedError match = matchOf("""
                [INFO] --- maven-compiler-plugin:3.8.1:compile (default-compile) @ app ---
                [ERROR] COMPILATION ERROR :
                [ERROR] /home/runner/work/app/app/src/main/java/com/example/App.java:[42,17] cannot find symbol
                  symbol:   class Clinet
                  location: class com.example.App
                [INFO] 1 error
                [INFO] BUILD FAILURE
                [ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.8.1:compile (default-compile) on project app: Compilation failure
                """);

        assertThat(match.knownError().id()).isEqualTo("javac-compile-error");
    }
}
