package dev.pipelinetriage.cli.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.cli.Main;
import dev.pipelinetriage.domain.Category;
import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.RerunAdvice;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {

    record Result(int exit, String out, String err) {
    }

    private static Result bench(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = commandLine.execute(all);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void aMissingCorpusIsAClearErrorThatSaysHowToPassOne(@TempDir Path dir) {
        var result = bench("--corpus", dir.resolve("nowhere").toString(), "--work-dir", dir.toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("no corpus directory at").contains("pass --corpus DIR");
    }

    @Test
    void runsAndSizesAreChecked(@TempDir Path dir) {
        assertThat(bench("--runs", "0", "--corpus", dir.toString()).err()).contains("--runs must be between 1 and 50");
        var sizes = bench("--sizes", "10,0", "--corpus", dir.toString());
        assertThat(sizes.exit()).isEqualTo(2);
        assertThat(sizes.err()).contains("--sizes must be MB values").contains("[10, 0]");
    }

    @Test
    void theHelpListsTheOptions() {
        var result = bench("--help");
        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("--sizes=MB").contains("--corpus=DIR").contains("--runs").contains("--json=OUT")
                .contains("10,100,1000");
    }

    @Test
    void ripgrepGetsTheLineRegexesOnceEachAndNothingElse() {
        var a = entry("a", new Indication.LineRegex("No space left"), new Indication.Phrase("disk full"),
                new Indication.MultiLineRegex("x\\ny", 2));
        var b = entry("b", new Indication.LineRegex("No space left"), new Indication.LineRegex("(?i)ENOSPC"));
        assertThat(BenchCommand.linePatterns(List.of(a, b))).containsExactly("No space left", "(?i)ENOSPC");
    }

    private static KnownError entry(String id, Indication... indications) {
        return new KnownError(id, id, Category.PLATFORM, "disk", List.of(indications), List.of(), List.of(),
                "runbooks/" + id + ".md", "fix it", RerunAdvice.SAFE, "platform-team", List.of());
    }
}
