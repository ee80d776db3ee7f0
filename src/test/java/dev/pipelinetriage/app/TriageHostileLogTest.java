package dev.pipelinetriage.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.boot.Bootstrap;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and odd inputs of issue 17 go through the whole triage with the bundled knowledge base: no stack trace, and
 * the knowledge base sees the log to its last line (before, a whole-log regex budget could run out first).
 */
class TriageHostileLogTest {

    private static TriageService triage;

    @BeforeAll
    static void bundled() {
        var loaded = (KnowledgeBaseLoad.Loaded) Bootstrap.knowledgeBase(Optional.empty());
        triage = Bootstrap.triageService(loaded.knownErrors());
    }

    private static ByteArrayInputStream log(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theThreeKilobyteLineThatOverflowedTheStackIsTriagedLikeAnyOther() {
        var report = triage.analyze(log(" " + "a.".repeat(1500) + "Exception\n"), 30, false);
        assertThat(report.verdict()).isNotNull();
    }

    @Test
    void theRealFailureOnTheLastLineOfALogCraftedToMakeRegexesBacktrackIsNamed() {
        String hostile = ("Could not transfer artifact " + "x ".repeat(1500) + "\n").repeat(300)
                + ("git diff --exit-code " + "a".repeat(2000) + "\n").repeat(300)
                + "npm ERR! nospc ENOSPC: no space left on device, write\n";
        var report = triage.analyze(log(hostile), 30, false);
        assertThat(report.match()).isNotNull();
        assertThat(report.match().knownError().id()).isEqualTo("disk-full");
    }
}
