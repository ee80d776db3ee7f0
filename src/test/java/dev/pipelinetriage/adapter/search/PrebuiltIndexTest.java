package dev.pipelinetriage.adapter.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.adapter.kb.KnowledgeBaseLoader;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.LogLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled knowledge base's search index is built at package time and loaded at start-up when its content hash
 * matches; anything else is built as before (issue 12, item 5).
 */
class PrebuiltIndexTest {

    private static List<KnownError> bundled() {
        var load = new KnowledgeBaseLoader().loadBundled();
        assertThat(load).isInstanceOf(KnowledgeBaseLoad.Loaded.class);
        return ((KnowledgeBaseLoad.Loaded) load).knownErrors();
    }

    /** Every example and counter-example line, searched one at a time: what the index answers, as text. */
    private static List<String> answers(LuceneKnowledgeIndex index, List<KnownError> entries) {
        var answers = new ArrayList<String>();
        for (KnownError entry : entries) {
            for (String example : entry.examples()) {
                String first = example.split("\n")[0];
                answers.add(first + " -> " + index.search(List.of(new LogLine(1, first)), 3));
            }
        }
        return answers;
    }

    @Test
    void theBuildShipsTheIndexOfTheBundledKnowledgeBaseAndStartUpLoadsIt() {
        assertThat(PrebuiltIndex.bundled()).as("written by the process-classes step").isPresent();
        var index = new LuceneKnowledgeIndex(bundled());
        assertThat(index.loadedPrebuilt()).isTrue();
    }

    @Test
    void theLoadedIndexAnswersExactlyAsAFreshlyBuiltOne() {
        List<KnownError> entries = bundled();
        var loaded = new LuceneKnowledgeIndex(entries);
        var built = new LuceneKnowledgeIndex(entries, Optional.empty());
        assertThat(built.loadedPrebuilt()).isFalse();
        assertThat(answers(loaded, entries)).isEqualTo(answers(built, entries));
    }

    @Test
    void anyOtherKnowledgeBaseIsBuiltNotLoaded() {
        List<KnownError> entries = new ArrayList<>(bundled());
        entries.removeFirst();
        assertThat(new LuceneKnowledgeIndex(entries).loadedPrebuilt()).isFalse();
    }

    @Test
    void aWrittenIndexReadsBackWithTheSameHashAndScores(@TempDir Path dir) throws Exception {
        List<KnownError> entries = bundled().subList(0, 20);
        Path file = dir.resolve("index.bin");
        LuceneKnowledgeIndex.writePrebuilt(entries, file);
        PrebuiltIndex read;
        try (var in = Files.newInputStream(file)) {
            read = PrebuiltIndex.read(in);
        }
        var fromFile = new LuceneKnowledgeIndex(entries, Optional.of(read));
        assertThat(fromFile.loadedPrebuilt()).isTrue();
        assertThat(answers(fromFile, entries)).isEqualTo(answers(new LuceneKnowledgeIndex(entries, Optional.empty()), entries));
    }
}
