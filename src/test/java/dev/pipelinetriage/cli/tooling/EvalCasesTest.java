package dev.pipelinetriage.cli.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.evaluation.EvalCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCasesTest {

    @TempDir
    Path dir;

    @Test
    void aCaseTakesItsRepositoryGoldLinesAndLabelFromExpectedJsonOrTheLabelsFile() throws IOException {
        Path a = Files.createDirectories(dir.resolve("lc-1"));
        Files.writeString(a.resolve("log.txt"), "x\n");
        Files.writeString(a.resolve("expected.json"), """
                {"repository": "octo/app", "gold_lines": ["Error: boom"]}""");
        Path b = Files.createDirectories(dir.resolve("cd-example_1234"));
        Files.writeString(b.resolve("log.txt"), "y\n");
        Files.writeString(b.resolve("expected.json"), """
                {"gold_lines": [], "label": "Platform"}""");
        Path csv = dir.resolve("labels.csv");
        Files.writeString(csv, "case_id,label,reason\nlc-1,code,\"[test] assertion, in src\"\n");

        List<EvalCase> cases = EvalCases.read(dir, EvalCases.labels(csv));

        assertThat(cases).extracting(EvalCase::id, EvalCase::repository, EvalCase::label).containsExactly(
                org.assertj.core.groups.Tuple.tuple("cd-example_1234", "cd-example", "platform"),
                org.assertj.core.groups.Tuple.tuple("lc-1", "octo/app", "code"));
        assertThat(cases.get(1).goldLines()).containsExactly("Error: boom");
    }

    @Test
    void quotedCsvCellsMayHoldCommasAndQuotes() {
        assertThat(EvalCases.cells("lc-1,code,\"a, \"\"b\"\"\"")).containsExactly("lc-1", "code", "a, \"b\"");
    }

    @Test
    void aLabelsFileWithoutTheNeededColumnsIsAClearError() throws IOException {
        Path csv = dir.resolve("labels.csv");
        Files.writeString(csv, "id,verdict\nlc-1,code\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EvalCases.labels(csv))
                .hasMessageContaining("needs the columns case_id and label");
    }
}
