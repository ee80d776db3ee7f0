package dev.pipelinetriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The repository's knowledge base is checked on every build, so a bad entry fails CI. */
class KbCommandTest {

    private static final Path REPOSITORY_KB = Path.of("knowledge-base");

    private record Run(int status, String out) {
    }

    private static Run kb(String... args) {
        StringWriter out = new StringWriter();
        int status = new CommandLine(new KbCommand()).setOut(new PrintWriter(out)).execute(args);
        return new Run(status, out.toString());
    }

    @Test
    void theRepositoryKnowledgeBasePassesLint() {
        Run run = kb("lint", REPOSITORY_KB.toString());

        assertThat(run.out()).endsWith("no problems" + System.lineSeparator());
        assertThat(run.status()).isZero();
    }

    @Test
    void everyExampleOfTheRepositoryKnowledgeBaseTriagesAsItsOwnEntryInsideALog() {
        Run run = kb("test", REPOSITORY_KB.toString());

        assertThat(run.out()).endsWith("no problems" + System.lineSeparator());
        assertThat(run.status()).isZero();
    }

    @Test
    void lintPrintsFileLineAndMessageAndFailsWhenAnExampleDoesNotMatch(@TempDir Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve("knowledge-base"));
        Files.createDirectories(root.resolve("runbooks"));
        Files.writeString(root.resolve("runbooks/disk.md"), "# Disk\n");
        Files.writeString(dir.resolve("disk.yaml"), """
                id: disk
                title: Disk full
                category: platform
                subcategory: disk
                indications:
                  - regex: 'No space left on device'
                examples:
                  - 'java.io.IOException: No space left on device'
                  - 'write error: disk quota exceeded'
                counterExamples:
                  - 'Filesystem      Size  Used Avail Use% Mounted on'
                runbook: runbooks/disk.md
                fix: Free space.
                rerun: safe
                owner: platform-team
                """);

        Run run = kb("lint", dir.toString());

        assertThat(run.out()).contains(dir.resolve("disk.yaml") + ":9: example does not match any indication of disk");
        assertThat(run.status()).isEqualTo(KbCommand.PROBLEMS_FOUND);
    }
}
