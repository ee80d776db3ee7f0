package dev.pipelinetriage.cli.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.boot.Bootstrap;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchKnowledgeBaseTest {

    @Test
    void theBundledKnowledgeBaseIsPaddedWithGeneratedEntriesThatLoadAndLint(@TempDir Path dir) throws Exception {
        Path kb = BenchKnowledgeBase.ofSize(400, dir);
        var load = Bootstrap.knowledgeBase(Optional.of(kb));
        assertThat(load).isInstanceOfSatisfying(KnowledgeBaseLoad.Loaded.class,
                loaded -> assertThat(loaded.entries()).hasSize(400)
                        .anySatisfy(e -> assertThat(e.knownError().id()).isEqualTo(BenchKnowledgeBase.id(0))));
        assertThat(Bootstrap.knowledgeBaseCheck().lint(load)).isEmpty();
        assertThat(Bootstrap.knowledgeBaseCheck().warnings(load)).as("one generated entry in %d has a regex without a"
                + " literal", BenchKnowledgeBase.NO_LITERAL_EVERY).filteredOn(w -> w.file().contains("generated-")).hasSize(3);
    }
}
