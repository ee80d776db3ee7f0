package dev.pipelinetriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kb report} over small fixture folders, with the repository's knowledge base. */
class KbReportCommandTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/kb-report");
    private static final String KB = "knowledge-base";

    private record Run(int status, String out) {
    }

    private static Run kb(String... args) {
        StringWriter out = new StringWriter();
        int status = new CommandLine(new KbCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out)).execute(args);
        return new Run(status, out.toString());
    }

    @Test
    void coverageCountsTheLogsASpecificEntryExplainsAcrossFlatFilesAndCaseFolders() {
        Run run = kb("report", FIXTURES.resolve("failed").toString(), "--kb", KB);

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Knowledge base report: 4 failed logs")
                .contains("Coverage: 2/4 (50.0%) explained by a specific entry")
                .containsPattern("1  disk-full\\s+platform")
                .containsPattern("1  npm-registry-network-error\\s+platform");
    }

    @Test
    void unexplainedFailuresGroupUnderOneMaskedSignatureWithAnExampleLine() {
        Run run = kb("report", FIXTURES.resolve("failed").toString(), "--kb", KB);

        assertThat(run.out()).contains("Work queue: unexplained failures by signature (1 groups)")
                .contains("2  release-notes: entry <hex> for PR <n> has no category")
                .contains("e.g. custom-tool-a:3: release-notes: entry 0x7f3a9c2e for PR 1812 has no category");
    }

    @Test
    void anEntryFiringOnMoreThanATenthOfSuccessfulJobsIsFlaggedAsTooBroad() {
        Run run = kb("report", FIXTURES.resolve("failed").toString(), "--passing", FIXTURES.resolve("passing").toString(),
                "--kb", KB);

        assertThat(run.out()).contains("Successful jobs: 5; entries firing on them:")
                .containsPattern("1 \\( 20\\.0%\\)  cargo-registry-network-error  TOO BROAD")
                .doesNotContain("dependency-vulnerabilities-found")
                .doesNotContain("maven-surefire-test-failure");
    }

    @Test
    void jsonHasTheSameNumbersAndListsEntriesThatMatchedNothing(@TempDir Path tmp) throws IOException {
        Path json = tmp.resolve("report.json");
        Run run = kb("report", FIXTURES.resolve("failed").toString(), "--passing", FIXTURES.resolve("passing").toString(),
                "--kb", KB, "--json", json.toString());

        assertThat(run.status()).isZero();
        JsonNode report = new ObjectMapper().readTree(Files.readString(json));
        assertThat(report.get("failedLogs").asInt()).isEqualTo(4);
        assertThat(report.get("explained").asInt()).isEqualTo(2);
        assertThat(report.get("explainedByCategory").get("platform").asInt()).isEqualTo(2);
        assertThat(report.get("unused")).extracting(JsonNode::asText).contains("address-already-in-use")
                .doesNotContain("disk-full");
        assertThat(report.get("passing").get(0).get("tooBroad").asBoolean()).isTrue();
        assertThat(report.get("workQueue").get(0).get("logs")).extracting(JsonNode::asText)
                .containsExactly("custom-tool-a", "custom-tool-b");
    }

    @Test
    void aMissingLogFolderIsAnErrorNotAnEmptyReport(@TempDir Path tmp) {
        Run run = kb("report", tmp.resolve("nope").toString(), "--kb", KB);

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).contains("not a directory");
    }
}
