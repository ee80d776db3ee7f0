package dev.pipelinetriage.adapter.kb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupersedesCheckTest {

    @TempDir
    Path root;
    private Path kb;

    @BeforeEach
    void createFolders() throws IOException {
        kb = Files.createDirectories(root.resolve("knowledge-base"));
        Files.createDirectories(root.resolve("runbooks"));
        Files.writeString(root.resolve("runbooks/compile-error.md"), "# Compile error\n");
    }

    private void entry(String id, String supersedes) throws IOException {
        Files.writeString(kb.resolve(id + ".yaml"), """
                id: %s
                title: 'Title of %s'
                category: code
                subcategory: compile
                indications:
                  - regex: '%s failed'
                examples:
                  - '%s failed at line 3'
                counterExamples:
                  - 'all good'
                runbook: runbooks/compile-error.md
                fix: Fix the code.
                rerun: never
                owner: developer
                %s
                """.formatted(id, id, id, id, supersedes == null ? "" : "supersedes: " + supersedes));
    }

    private List<String> problems() {
        KnowledgeBaseLoad load = new KnowledgeBaseLoader().load(kb);
        return load instanceof KnowledgeBaseLoad.Invalid invalid
                ? invalid.problems().stream().map(Problem::message).toList() : List.of();
    }

    @Test
    void anEntryMaySupersedeAnExistingMoreGenericEntry() throws IOException {
        entry("generic-compile", null);
        entry("specific-compile", "[generic-compile]");

        var loaded = (KnowledgeBaseLoad.Loaded) new KnowledgeBaseLoader().load(kb);

        assertThat(loaded.knownErrors()).filteredOn(e -> e.id().equals("specific-compile"))
                .singleElement().satisfies(e -> assertThat(e.supersedes()).containsExactly("generic-compile"));
    }

    @Test
    void supersedingAnIdNoEntryHasIsAnError() throws IOException {
        entry("specific-compile", "[generic-compil]");

        assertThat(problems()).containsExactly(
                "supersedes 'generic-compil', but no entry has that id; name an existing, more generic entry");
    }

    @Test
    void anEntryCannotSupersedeItself() throws IOException {
        entry("specific-compile", "[specific-compile]");

        assertThat(problems()).containsExactly(
                "an entry cannot supersede itself; list the more generic entries it refines");
    }

    @Test
    void aCycleOfRefinementsIsAnError() throws IOException {
        entry("first-compile", "[second-compile]");
        entry("second-compile", "[first-compile]");

        assertThat(problems()).singleElement().asString()
                .contains("supersedes forms a cycle (first-compile -> second-compile -> first-compile)");
    }
}
