package dev.pipelinetriage.adapter.kb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.TestKnowledgeBase;
import dev.pipelinetriage.app.KnowledgeBaseCheck;
import dev.pipelinetriage.app.KnowledgeBaseReload;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.boot.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kb lint} refuses hostile and over-broad regexes, and a hot reload refuses what {@code kb test} refuses
 * (issue 12, item 4): before, lint let {@code (?i)error} through and a reload only linted.
 */
class KnowledgeBaseBreadthAndReloadTest {

    @TempDir
    Path dir;
    private Path kb;

    @BeforeEach
    void copy() throws Exception {
        kb = TestKnowledgeBase.copyInto(dir);
    }

    private void addEntry(String id, String regex, String example1, String example2, String counter) throws Exception {
        Files.writeString(kb.resolve(id + ".yaml"), """
                id: %s
                title: 'An entry under test'
                category: code
                subcategory: test
                indications:
                  - regex: '%s'
                examples:
                  - '%s'
                  - '%s'
                counterExamples:
                  - '%s'
                runbook: runbooks/port-in-use.md
                fix: >-
                  Nothing to fix; this entry exists for a test.
                rerun: never
                owner: developer
                """.formatted(id, regex, example1, example2, counter));
    }

    private List<KnowledgeBaseLoad.Problem> lint() {
        return Bootstrap.knowledgeBaseCheck().lint(Bootstrap.knowledgeBase(Optional.of(kb)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"e", "(?i)error"})
    void lintRejectsARegexThatIsTooBroadToNameAnError(String regex) throws Exception {
        addEntry("broad-entry", regex, "error: something failed here", "Error: it broke", "all good");
        assertThat(lint()).anySatisfy(p -> {
            assertThat(p.file()).endsWith("broad-entry.yaml");
            assertThat(p.message()).contains("too broad");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"(a{1,30}){1,30}$", "(.*a){12}"})
    void lintRejectsRegexesThatBacktrackPolynomially(String regex) throws Exception {
        addEntry("hostile-entry", regex, "aaaa", "aaaaaaaaaaaa", "b");
        assertThat(lint()).anySatisfy(p -> {
            assertThat(p.file()).endsWith("hostile-entry.yaml");
            assertThat(p.message()).containsAnyOf("nests repetition", ".*");
        });
    }

    @Test
    void theBundledKnowledgeBaseHasNoOverBroadRegex() {
        assertThat(lint()).isEmpty();
    }

    @Test
    void kbTestReportsTheSameBreadthProblemAsLint() throws Exception {
        addEntry("broad-entry", "(?i)error", "error: something failed here", "Error: it broke", "all good");
        var loaded = (KnowledgeBaseLoad.Loaded) Bootstrap.knowledgeBase(Optional.of(kb));
        var problems = Bootstrap.knowledgeBaseCheck().test(loaded,
                KnowledgeBaseCheck.inMemory(Bootstrap.triageService(loaded.knownErrors()), 30));
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("too broad"));
    }

    @Test
    void aHotReloadRefusesAKnowledgeBaseThatFailsKbTestAndKeepsTheOldOne() throws Exception {
        var reload = new KnowledgeBaseReload(() -> Bootstrap.knowledgeBase(Optional.of(kb)),
                Bootstrap.knowledgeBaseCheck(), Bootstrap::triageService, TriageMetrics.none(), Clock.systemUTC());
        var before = reload.serving();
        // Lint-clean (specific, safe, its examples match it), but it claims another entry's failure.
        addEntry("zz-port-clash", "listen EADDRINUSE: address already in use",
                "Error: listen EADDRINUSE: address already in use :::3000",
                "Error: listen EADDRINUSE: address already in use 127.0.0.1:8080", "Server listening on port 3000");
        assertThat(lint()).as("lint alone lets it through").isEmpty();

        var outcome = reload.reload();

        assertThat(outcome).isInstanceOfSatisfying(KnowledgeBaseReload.Refused.class,
                refused -> assertThat(refused.reasons()).anySatisfy(r -> assertThat(r).startsWith("kb test: ")));
        assertThat(reload.serving()).isSameAs(before);
    }
}
