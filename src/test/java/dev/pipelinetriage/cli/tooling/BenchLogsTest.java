package dev.pipelinetriage.cli.tooling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchLogsTest {

    private static Path corpus(Path dir) throws IOException {
        Path corpus = dir.resolve("corpus");
        write(corpus.resolve("b/case-2/log.txt"), "beta one\nbeta two\n");
        write(corpus.resolve("a/case-1/log.txt"), "alpha one\nalpha two"); // no final newline
        write(corpus.resolve("c/empty/log.txt"), "");
        write(corpus.resolve("c/build.log"), "gamma\n");
        write(corpus.resolve("a/case-1/expected.json"), "{\"not\": \"a log\"}\n");
        return corpus;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void findsTheCorpusLogsInPathOrderAndIgnoresOtherFiles(@TempDir Path dir) throws IOException {
        Path corpus = corpus(dir);
        BenchLogs logs = BenchLogs.of(corpus, dir.resolve("work"));
        assertThat(logs.sources()).containsExactly(corpus.resolve("a/case-1/log.txt"), corpus.resolve("b/case-2/log.txt"),
                corpus.resolve("c/build.log"), corpus.resolve("c/empty/log.txt"));
    }

    @Test
    void repeatsTheLogsInOrderUpToTheSizeAndEndsOnALineBoundary(@TempDir Path dir) throws IOException {
        BenchLogs logs = BenchLogs.of(corpus(dir), dir.resolve("work"));
        // One cycle is "alpha one\nalpha two\n" (20) + "beta one\nbeta two\n" (18) + "gamma\n" (6) = 44 bytes.
        Path log = logs.logOfSize(100);
        String text = Files.readString(log);
        assertThat(text).isEqualTo("alpha one\nalpha two\nbeta one\nbeta two\ngamma\n".repeat(2) + "alpha one\n");
        assertThat(Files.size(log)).isLessThanOrEqualTo(100);
    }

    @Test
    void aSizeSmallerThanTheFirstLineGivesAnEmptyLog(@TempDir Path dir) throws IOException {
        BenchLogs logs = BenchLogs.of(corpus(dir), dir.resolve("work"));
        assertThat(Files.size(logs.logOfSize(5))).isZero();
    }

    @Test
    void reusesTheBuiltLogOfTheSameSize(@TempDir Path dir) throws IOException {
        BenchLogs logs = BenchLogs.of(corpus(dir), dir.resolve("work"));
        Path first = logs.logOfSize(50);
        Files.writeString(first, "left by the first build\n");
        assertThat(logs.logOfSize(50)).isEqualTo(first).content().isEqualTo("left by the first build\n");
        assertThat(logs.logOfSize(60)).isNotEqualTo(first);
    }

    @Test
    void aChangedCorpusBuildsAFreshLog(@TempDir Path dir) throws IOException {
        Path corpus = corpus(dir);
        Path before = BenchLogs.of(corpus, dir.resolve("work")).logOfSize(50);
        write(corpus.resolve("b/case-2/log.txt"), "beta changed\n");
        Path after = BenchLogs.of(corpus, dir.resolve("work")).logOfSize(50);
        assertThat(after).isNotEqualTo(before);
        assertThat(after).content().contains("beta changed");
    }

    @Test
    void aCorpusOfEmptyLogsGivesAnEmptyLogInsteadOfLoopingForever(@TempDir Path dir) throws IOException {
        write(dir.resolve("corpus/x/log.txt"), "");
        BenchLogs logs = BenchLogs.of(dir.resolve("corpus"), dir.resolve("work"));
        assertThat(Files.size(logs.logOfSize(1000))).isZero();
    }

    @Test
    void aDirectoryWithoutLogsIsAClearError(@TempDir Path dir) throws IOException {
        write(dir.resolve("corpus/readme.md"), "no logs here\n");
        assertThatThrownBy(() -> BenchLogs.of(dir.resolve("corpus"), dir.resolve("work")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no log.txt or *.log files under");
    }

    @Test
    void refusesALogThatWouldLeaveTooLittleDisk(@TempDir Path dir) throws IOException {
        BenchLogs logs = BenchLogs.of(corpus(dir), dir.resolve("work"));
        long free = Files.getFileStore(dir).getUsableSpace();
        assertThatThrownBy(() -> logs.logOfSize(free))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not enough disk space");
        assertThat(List.of(dir.resolve("work").toFile().list())).isEmpty();
    }
}
