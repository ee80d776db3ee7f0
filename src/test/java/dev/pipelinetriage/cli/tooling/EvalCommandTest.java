package dev.pipelinetriage.cli.tooling;

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

/** {@code eval} over two tiny cases from two repositories, with the repository's knowledge base. */
class EvalCommandTest {

    private static final String KB = "knowledge-base";

    @TempDir
    Path dir;

    private void write(String id, String repository, String log, String gold) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("cases").resolve(id));
        Files.writeString(folder.resolve("log.txt"), log);
        Files.writeString(folder.resolve("expected.json"), """
                {"repository": "%s", "gold_lines": ["%s"], "label": "platform"}""".formatted(repository, gold));
    }

    private String eval(String... extra) {
        var out = new StringWriter();
        String[] args = new String[extra.length + 4];
        args[0] = dir.resolve("cases").toString();
        args[1] = dir.resolve("out").toString();
        args[2] = "--kb";
        args[3] = KB;
        System.arraycopy(extra, 0, args, 4, extra.length);
        int status = new CommandLine(new EvalCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out)).execute(args);
        assertThat(status).as(out.toString()).isZero();
        return out.toString();
    }

    @Test
    void eachPredictionSaysWhetherThePatternOfTheNamedEntryFiredAndTheSummaryCountsTheBackedNames() throws IOException {
        write("a-1", "octo/alpha", "$ docker build .\nwrite /var/lib/docker/tmp/x: no space left on device\nexit 1\n",
                "write /var/lib/docker/tmp/x: no space left on device");
        write("b-1", "octo/beta", "$ make\nsrc/a.c:3:5: error: unknown type name 'foo_t'\nmake: *** [all] Error 1\n",
                "src/a.c:3:5: error: unknown type name 'foo_t'");

        String printed = eval();

        JsonNode disk = new ObjectMapper().readTree(dir.resolve("out/a-1.json").toFile());
        assertThat(disk.get("match").asText()).isEqualTo("disk-full");
        assertThat(disk.get("patternFired").asBoolean()).isTrue();
        assertThat(printed).contains("hit@30 1.000").contains("any-hit@30 1.000")
                .contains("named a known error 2, 2 of them backed by a firing pattern (1.000)");
    }

    @Test
    void leaveOneRepositoryOutDropsTheEntriesOnlyTheHeldOutRepositorySupports() throws IOException {
        write("a-1", "octo/alpha", "$ docker build .\nwrite /var/lib/docker/tmp/x: no space left on device\nexit 1\n",
                "write /var/lib/docker/tmp/x: no space left on device");
        write("b-1", "octo/beta", "$ make\nsrc/a.c:3:5: error: unknown type name 'foo_t'\nmake: *** [all] Error 1\n",
                "src/a.c:3:5: error: unknown type name 'foo_t'");

        String printed = eval("--leave-one-repo-out", "--json", dir.resolve("loo.json").toString());

        assertThat(printed).containsPattern("octo/alpha\\s+1 .*disk-full");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("loo.json").toFile());
        assertThat(json.at("/support/disk-full/0").asText()).isEqualTo("octo/alpha");
        JsonNode heldOut = new ObjectMapper().readTree(dir.resolve("out/a-1.json").toFile());
        assertThat(heldOut.get("match").isNull()).isTrue();
        assertThat(heldOut.get("label").asText()).isEqualTo("platform");
    }

    @Test
    void crossValidationPrintsEachFoldAndTheEntriesItHoldsOut() throws IOException {
        write("a-1", "octo/alpha", "$ docker build .\nwrite /var/lib/docker/tmp/x: no space left on device\nexit 1\n",
                "write /var/lib/docker/tmp/x: no space left on device");
        write("b-1", "octo/beta", "$ make\nsrc/a.c:3:5: error: unknown type name 'foo_t'\nmake: *** [all] Error 1\n",
                "src/a.c:3:5: error: unknown type name 'foo_t'");
        Path folds = Files.writeString(dir.resolve("folds.csv"),
                "set,case_id,group,fold\ntest,a-1,octo/alpha,1\ntest,b-1,octo/beta,2\n");

        String printed = eval("--cv", folds.toString(), "--json", dir.resolve("cv.json").toString());

        assertThat(printed).contains("Cross-validation grouped by repository: 2 cases in 2 folds")
                .containsPattern("\\s1\\s+1\\s.*disk-full").contains("cross-validated (pooled)");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("cv.json").toFile());
        assertThat(json.at("/folds/0/dropped/0").asText()).isEqualTo("disk-full");
        assertThat(json.at("/crossValidated/cases").asInt()).isEqualTo(2);
    }

    @Test
    void aFoldsFileWithoutItsHeaderIsRefusedNamingTheLine() throws IOException {
        write("a-1", "octo/alpha", "$ make\nerror: boom\n", "error: boom");
        Path folds = Files.writeString(dir.resolve("folds.csv"), "a-1,octo/alpha,1\n");
        var out = new StringWriter();
        int status = new CommandLine(new EvalCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
                .execute(dir.resolve("cases").toString(), dir.resolve("out").toString(), "--kb", KB, "--cv", folds.toString());
        assertThat(status).isEqualTo(2);
        assertThat(out.toString()).contains("folds.csv:1: expected the header set,case_id,group,fold");
    }
}
