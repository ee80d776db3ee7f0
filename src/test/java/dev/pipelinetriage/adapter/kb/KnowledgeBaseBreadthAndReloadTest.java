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
 * (issue 12, item 4): before, lint let {@code (?i)error} through and a reload only linted. Issue 17, item 3: lint
 * refuses what the linear-time engine cannot run, and points at the regex's own line.
 */
class KnowledgeBaseBreadthAndReloadTest {

    @TempDir
    Path dir;
    private Path kb;

    /**
     * A few real entries beside the ones a test adds: lint judges each entry on its own, and the reload tests need
     * only the entry whose failure the clashing one claims (address-already-in-use).
     */
    @BeforeEach
    void copy() throws Exception {
        kb = TestKnowledgeBase.copyEntriesInto(dir, "address-already-in-use", "apt-dpkg-lock-held",
                "apt-repository-failure");
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

    /** The patterns issue 17 found {@code kb lint} accepting; the indication's regex is on line 6 of the file. */
    @ParameterizedTest
    @ValueSource(strings = {"(a|aa)+$", "(error|error)+ found", "a.*b.*c.*d.*e.*f.*g", "\\s*,\\s*$",
        "Could not .{1,400}(?:reset|refused)", "failed", "Error: .*", "(?i)fail(ed|ure)", "exit code \\d+"})
    void lintRejectsEveryPatternOfIssue17AtTheLineOfItsRegex(String regex) throws Exception {
        addEntry("issue-entry", regex, "error: Could not connect: reset", "Error: failed with exit code 2", "all good");
        assertThat(lint()).anySatisfy(p -> {
            assertThat(p.file()).endsWith("issue-entry.yaml");
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.message()).contains(regex).containsAnyOf("too broad", "repeats");
        });
    }

    @Test
    void lintRejectsLookAroundWhichTheLinearEngineCannotRun() throws Exception {
        addEntry("lookahead-entry", "Failed to connect to (?!localhost)\\S+ port", "Failed to connect to a.b port 1",
                "Failed to connect to c.d port 2", "Failed to connect to localhost port 3");
        assertThat(lint()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.message()).contains("uses look-around").contains("linear-time engine");
        });
    }

    @Test
    void aRegexWithoutLiteralIsWarnedAboutAtItsOwnLine() throws Exception {
        addEntry("no-literal-entry", "^\\d+\\) [a-z]+ [A-Z]{2}: \\d+$", "1) thing XY: 2", "2) other ZW: 3", "ok");
        var warnings = Bootstrap.knowledgeBaseCheck().warnings(Bootstrap.knowledgeBase(Optional.of(kb)));
        assertThat(warnings).anySatisfy(w -> {
            assertThat(w.file()).endsWith("no-literal-entry.yaml");
            assertThat(w.line()).isEqualTo(6);
        });
    }

    @Test
    void theBundledKnowledgeBaseHasNoOverBroadRegex() {
        assertThat(Bootstrap.knowledgeBaseCheck().lint(Bootstrap.knowledgeBase(Optional.of(Path.of("knowledge-base")))))
                .isEmpty();
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

    @Test
    void aKnowledgeBaseCheckedByTheBuildServesWhatLintAndKbTestWouldRefuseButNotAFileThatDoesNotParse() throws Exception {
        // CHECKED_BY_THE_BUILD is for the jar's bundled knowledge base, which the build linted and tested.
        var reload = new KnowledgeBaseReload(() -> Bootstrap.knowledgeBase(Optional.of(kb)), Bootstrap.knowledgeBaseCheck(),
                KnowledgeBaseReload.Verification.CHECKED_BY_THE_BUILD, Bootstrap::triageService, TriageMetrics.none(),
                Clock.systemUTC());
        addEntry("zz-port-clash", "listen EADDRINUSE: address already in use",
                "Error: listen EADDRINUSE: address already in use :::3000",
                "Error: listen EADDRINUSE: address already in use 127.0.0.1:8080", "Server listening on port 3000");
        addEntry("broad-entry", "(?i)error", "error: something failed here", "Error: it broke", "all good");

        assertThat(reload.reload()).isInstanceOf(KnowledgeBaseReload.Swapped.class);

        Files.writeString(kb.resolve("broken.yaml"), "id: broken\ntitle: [unclosed\n");
        assertThat(reload.reload()).isInstanceOf(KnowledgeBaseReload.Refused.class);
    }
}
