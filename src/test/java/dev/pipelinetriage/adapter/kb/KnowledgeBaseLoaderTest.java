package dev.pipelinetriage.adapter.kb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad.Problem;
import dev.pipelinetriage.domain.Category;
import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.RerunAdvice;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeBaseLoaderTest {

    private static final String VALID = """
            id: disk-full
            title: No space left on device
            category: platform
            subcategory: disk
            indications:
              - regex: 'No space left on device'
              - multiline:
                  regex: 'write failed\\n.{0,40}ENOSPC'
                  maxLines: 2
              - phrase: 'disk quota exceeded'
            examples:
              - 'java.io.IOException: No space left on device'
              - 'cp: error writing ''out.bin'': Disk quota exceeded'
            counterExamples:
              - 'Filesystem      Size  Used Avail Use% Mounted on'
            runbook: runbooks/disk-full.md
            fix: Free space on the runner.
            rerun: safe
            owner: platform-team
            tags: [disk]
            """;

    @TempDir
    Path root;
    Path dir;
    private final KnowledgeBaseLoader loader = new KnowledgeBaseLoader();

    @BeforeEach
    void createRepositoryLayout() throws IOException {
        dir = Files.createDirectories(root.resolve("knowledge-base"));
        Files.createDirectories(root.resolve("runbooks"));
        Files.writeString(root.resolve("runbooks/disk-full.md"), "# Disk full\n");
    }

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    private List<Problem> problems() {
        KnowledgeBaseLoad load = loader.load(dir);
        assertThat(load).isInstanceOf(KnowledgeBaseLoad.Invalid.class);
        return ((KnowledgeBaseLoad.Invalid) load).problems();
    }

    private String shown(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void aValidFileLoadsAsAKnownErrorWithTheLinesOfItsExamples() throws IOException {
        write("disk-full.yaml", VALID);

        KnowledgeBaseLoad load = loader.load(dir);

        assertThat(load).isInstanceOf(KnowledgeBaseLoad.Loaded.class);
        KnowledgeBaseLoad.Entry entry = ((KnowledgeBaseLoad.Loaded) load).entries().getFirst();
        assertThat(entry.knownError().category()).isEqualTo(Category.PLATFORM);
        assertThat(entry.knownError().rerun()).isEqualTo(RerunAdvice.SAFE);
        assertThat(entry.knownError().indications()).containsExactly(
                new Indication.LineRegex("No space left on device"),
                new Indication.MultiLineRegex("write failed\\n.{0,40}ENOSPC", 2),
                new Indication.Phrase("disk quota exceeded"));
        assertThat(entry.knownError().examples()).element(1).isEqualTo("cp: error writing 'out.bin': Disk quota exceeded");
        assertThat(entry.exampleLines()).containsExactly(12, 13);
        assertThat(entry.counterExampleLines()).containsExactly(15);
        assertThat(entry.file()).isEqualTo(shown("disk-full.yaml"));
    }

    @Test
    void aYamlSyntaxErrorNamesTheFileAndTheLine() throws IOException {
        write("disk-full.yaml", VALID.replace("subcategory: disk", "subcategory: disk\n  oops: [unclosed"));

        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(shown("disk-full.yaml"));
            assertThat(p.line()).isBetween(5, 6);
            assertThat(p.message()).startsWith("YAML syntax error: ");
        });
    }

    @Test
    void everyProblemInAFileIsReportedNotJustTheFirst() throws IOException {
        write("disk-full.yaml", VALID
                .replace("category: platform", "category: infra")
                .replace("rerun: safe", "rerun: maybe")
                .replace("owner: platform-team\n", ""));

        assertThat(problems()).extracting(Problem::toString).containsExactly(
                shown("disk-full.yaml") + ":1: missing key 'owner'; every entry needs id, title, category, subcategory,"
                        + " indications, examples, counterExamples, runbook, fix, rerun, owner",
                shown("disk-full.yaml") + ":3: category 'infra' is not one of code, platform or flaky",
                shown("disk-full.yaml") + ":18: rerun 'maybe' is not one of safe, unsafe or never");
    }

    @Test
    void anUnknownKeyIsAnErrorThatSuggestsTheIntendedKey() throws IOException {
        write("disk-full.yaml", VALID.replace("counterExamples:", "counter_examples:"));

        assertThat(problems()).extracting(Problem::toString).contains(
                shown("disk-full.yaml") + ":14: unknown key 'counter_examples' (did you mean 'counterExamples'?);"
                        + " allowed keys are id, title, category, subcategory, indications, examples, counterExamples,"
                        + " runbook, fix, rerun, owner, tags, supersedes");
    }

    @Test
    void aListGivenAsTextIsAWrongTypeError() throws IOException {
        write("disk-full.yaml", VALID.replace("examples:\n  - 'java.io.IOException: No space left on device'\n"
                + "  - 'cp: error writing ''out.bin'': Disk quota exceeded'", "examples: 'No space left on device'"));

        assertThat(problems()).extracting(Problem::toString).containsExactly(
                shown("disk-full.yaml") + ":11: examples must be a list (one '- item' per line), found text");
    }

    @Test
    void aDuplicateIdIsReportedInTheFileThatReusesIt() throws IOException {
        write("disk-full.yaml", VALID);
        write("disk-full-again.yaml", VALID);

        assertThat(problems()).extracting(Problem::toString).containsExactly(
                shown("disk-full-again.yaml") + ":1: id 'disk-full' does not match the file name; rename the file to"
                        + " disk-full.yaml or set id: disk-full-again",
                shown("disk-full.yaml") + ":1: duplicate id 'disk-full', already used by " + shown("disk-full-again.yaml")
                        + "; ids must be unique");
    }

    @Test
    void aRegexThatDoesNotCompileIsReportedWithItsPosition() throws IOException {
        write("disk-full.yaml", VALID.replace("regex: 'No space left on device'", "regex: 'No space (left on device'"));

        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.message()).startsWith("regex does not compile: Unclosed group near index");
        });
    }

    @Test
    void aRegexWithNestedQuantifiersIsRejectedAsCatastrophic() throws IOException {
        write("disk-full.yaml", VALID.replace("regex: 'No space left on device'", "regex: '(\\w+\\s?)+ left on device'"));

        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.message()).contains("nests a repeated quantifier inside the repeated group (\\w+\\s?)+")
                    .contains("catastrophic backtracking");
        });
    }

    @Test
    void aRegexMatchingTheEmptyLineIsRejected() throws IOException {
        write("disk-full.yaml", VALID.replace("regex: 'No space left on device'", "regex: '(?:error)?'"));

        assertThat(problems()).singleElement().extracting(Problem::message).asString()
                .startsWith("regex matches an empty line");
    }

    @Test
    void aMissingRunbookAndABadMaxLinesAreReported() throws IOException {
        write("disk-full.yaml", VALID.replace("runbooks/disk-full.md", "runbooks/nope.md").replace("maxLines: 2", "maxLines: many"));

        assertThat(problems()).extracting(Problem::toString).containsExactly(
                shown("disk-full.yaml") + ":9: maxLines must be a whole number from 2 to 50, found 'many'",
                shown("disk-full.yaml") + ":16: runbook 'runbooks/nope.md' does not exist; create it or point to an"
                        + " existing runbook");
    }

    @Test
    void aYmlFileIsReportedInsteadOfSilentlyIgnored() throws IOException {
        write("disk-full.yaml", VALID);
        write("other.yml", VALID);

        assertThat(problems()).extracting(Problem::message)
                .containsExactly("knowledge-base files end in .yaml; rename it to other.yaml");
    }

    @Test
    void theBundledKnowledgeBaseIsFoundThroughItsIndex() throws IOException {
        Path classes = Files.createDirectories(root.resolve("classes/knowledge-base"));
        Files.writeString(classes.resolve("disk-full.yaml"), VALID);
        Files.writeString(classes.resolve("index.txt"), "disk-full.yaml\n");
        Files.createDirectories(root.resolve("classes/runbooks"));
        Files.writeString(root.resolve("classes/runbooks/disk-full.md"), "# Disk full\n");

        try (URLClassLoader classLoader = new URLClassLoader(new URL[] {root.resolve("classes").toUri().toURL()}, null)) {
            KnowledgeBaseLoad load = loader.loadBundled(classLoader);

            assertThat(load).isInstanceOfSatisfying(KnowledgeBaseLoad.Loaded.class,
                    loaded -> assertThat(loaded.knownErrors()).extracting(k -> k.id()).containsExactly("disk-full"));
        }
    }

    @Test
    void aMissingBundledIndexSaysHowToBuildIt() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThat(loader.loadBundled(empty)).isInstanceOfSatisfying(KnowledgeBaseLoad.Invalid.class,
                    invalid -> assertThat(invalid.problems()).extracting(Problem::toString).containsExactly(
                            "knowledge-base/index.txt:0: is not on the classpath; build the jar with ./mvnw package,"
                                    + " or pass a knowledge-base directory"));
        }
    }
}
