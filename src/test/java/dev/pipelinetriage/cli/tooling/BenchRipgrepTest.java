package dev.pipelinetriage.cli.tooling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Needs ripgrep on the machine; skipped where it is not installed (the bench command then skips it too). */
class BenchRipgrepTest {

    @Test
    void searchesWithPcre2AsIssue17MeasuredAndSkipsWhatRipgrepCannotCompile(@TempDir Path dir) throws Exception {
        var rg = BenchRipgrep.locate();
        assumeTrue(rg.isPresent(), "ripgrep is not installed");
        var plainOnly = BenchRipgrep.prepare(rg.get(), List.of("No space left", "(?i)enospc", "No space left"), dir);
        assertThat(plainOnly.needPcre2()).isEmpty();
        assertThat(plainOnly.patterns()).containsExactly("No space left", "(?i)enospc");
        assertThat(Files.readAllLines(plainOnly.patternsFile())).containsExactly("No space left", "(?i)enospc");

        var mixed = BenchRipgrep.prepare(rg.get(), List.of("No space left", "port (?!0)\\d+", "unclosed (group"), dir);
        assertThat(mixed.needPcre2()).containsExactly("port (?!0)\\d+");
        assertThat(mixed.patterns()).containsExactly("No space left", "port (?!0)\\d+");
        assertThat(mixed.skipped()).extracting(BenchRipgrep.Skipped::pattern).containsExactly("unclosed (group");
        assertThat(mixed.command(Path.of("x.log"))).contains("-P", "-c", "--text");
    }

    @Test
    void countsTheMatchingLines(@TempDir Path dir) throws Exception {
        var rg = BenchRipgrep.locate();
        assumeTrue(rg.isPresent(), "ripgrep is not installed");
        Path log = dir.resolve("job.log");
        Files.writeString(log, "ok\nwrite: No space left on device\nENOSPC again\nfine\n");
        var prepared = BenchRipgrep.prepare(rg.get(), List.of("No space left", "(?i)enospc"), dir);
        assertThat(prepared.search(log).matchingLines()).isEqualTo(2);
        Files.writeString(log, "ok\nerror: x\nfailed: y\nfine\n");
        var words = prepared.searchWords(log);
        assertThat(words.matchingLines()).isEqualTo(2);
        assertThat(words.cpuSeconds()).as("ripgrep's own CPU time, from /proc").isGreaterThanOrEqualTo(0);
        Files.writeString(log, "nothing to see\n");
        assertThat(prepared.search(log).matchingLines()).isZero();
    }
}
