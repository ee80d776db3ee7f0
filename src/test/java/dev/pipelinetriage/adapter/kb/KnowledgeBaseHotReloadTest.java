package dev.pipelinetriage.adapter.kb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.TestKnowledgeBase;
import dev.pipelinetriage.app.KnowledgeBaseReload;
import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.boot.Bootstrap;
import dev.pipelinetriage.domain.NamedError;
import dev.pipelinetriage.testing.Await;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A changed knowledge base is checked and swapped in whole; a broken one is refused and the old one answers. */
class KnowledgeBaseHotReloadTest {
    private static final String PORT_IN_USE = "Error: listen EADDRINUSE: address already in use :::3000";

    @TempDir
    Path dir;
    private Path kb;
    private KnowledgeBaseReload reload;

    @BeforeEach
    void load() throws Exception {
        kb = TestKnowledgeBase.copyEntriesInto(dir, "address-already-in-use", "connection-reset", "go-test-failure");
        reload = new KnowledgeBaseReload(() -> Bootstrap.knowledgeBase(Optional.of(kb)), Bootstrap.knowledgeBaseCheck(),
                Bootstrap::triageService, TriageMetrics.none(), Clock.systemUTC());
    }

    private String matchedId() {
        var report = reload.triage().analyze(new ByteArrayInputStream(("Running tests\n" + PORT_IN_USE + "\nexit 1\n")
                .getBytes(StandardCharsets.UTF_8)), 30, false);
        return report.bestMatch().map(NamedError::knownError).map(k -> k.id()).orElse("none");
    }

    @Test
    void aBrokenFileIsRefusedAndTheOldKnowledgeBaseStillAnswers() throws Exception {
        var before = reload.serving();
        Files.writeString(kb.resolve("half-written.yaml"), "id: half-written\ntitle: 'unclosed\n");

        var outcome = reload.reload();

        assertThat(outcome).isInstanceOfSatisfying(KnowledgeBaseReload.Refused.class,
                refused -> assertThat(refused.reasons().getFirst()).contains("half-written.yaml"));
        assertThat(reload.serving()).isSameAs(before);
        assertThat(reload.lastRefusal()).isPresent();
        assertThat(matchedId()).isEqualTo("address-already-in-use");
    }

    @Test
    void aValidChangeIsSwappedInAndClearsTheLastRefusal() throws Exception {
        Files.writeString(kb.resolve("half-written.yaml"), "id: half-written\n");
        reload.reload();
        Files.delete(kb.resolve("half-written.yaml"));
        Files.delete(kb.resolve("address-already-in-use.yaml"));

        var outcome = reload.reload();

        assertThat(outcome).isInstanceOfSatisfying(KnowledgeBaseReload.Swapped.class, swapped -> {
            assertThat(swapped.serving().number()).isEqualTo(2);
            assertThat(swapped.serving().knownErrors()).hasSize(swapped.previousEntries() - 1);
        });
        assertThat(reload.lastRefusal()).isEmpty();
        assertThat(matchedId()).isNotEqualTo("address-already-in-use");
    }

    @Test
    void aFileChangeUnderTheDirectoryTriggersTheReload() throws Exception {
        try (var watcher = KnowledgeBaseWatcher.start(kb, Duration.ofMillis(100), reload::reload)) {
            Files.writeString(kb.resolve("half-written.yaml"), "id: half-written\ntitle: [\n");

            Await.until("the watcher's reload to refuse the half-written file", () -> reload.lastRefusal().isPresent());
        }

        assertThat(reload.lastRefusal()).hasValueSatisfying(r -> assertThat(r.reasons().getFirst()).contains("half-written"));
        assertThat(matchedId()).isEqualTo("address-already-in-use");
    }
}
