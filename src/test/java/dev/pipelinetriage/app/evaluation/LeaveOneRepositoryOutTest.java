package dev.pipelinetriage.app.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.adapter.search.LuceneKnowledgeIndex;
import dev.pipelinetriage.adapter.search.LucenePhraseMatcher;
import dev.pipelinetriage.app.TriageService;
import dev.pipelinetriage.domain.Category;
import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.RerunAdvice;
import dev.pipelinetriage.engine.classify.Classifier;
import dev.pipelinetriage.engine.match.IndicationMatcher;
import dev.pipelinetriage.engine.normalize.LogNormalizer;
import dev.pipelinetriage.engine.redact.Redactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaveOneRepositoryOutTest {

    private static KnownError entry(String id, Category category, String regex) {
        return new KnownError(id, "Title of " + id, category, "test", List.of(new Indication.LineRegex(regex)),
                List.of(), List.of(), "runbooks/x.md", "fix", RerunAdvice.NEVER, "developer", List.of());
    }

    /** Fires on one repository's logs only: the kind of entry that is tuned on what it is scored on. */
    private static final KnownError ONLY_ALPHA = entry("alpha-quota-error", Category.PLATFORM, "QuotaGuard refused");
    /** Fires on both repositories' logs. */
    private static final KnownError SHARED = entry("disk-full", Category.PLATFORM, "No space left on device");
    /** Fires on no corpus log: written from documentation, it stays in every run. */
    private static final KnownError UNUSED = entry("oom-killed", Category.PLATFORM, "OOMKilled");

    @TempDir
    Path dir;

    private EvalCase write(String id, String repository, String log) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(id));
        Files.writeString(folder.resolve("log.txt"), log);
        return new EvalCase(id, repository, folder.resolve("log.txt"), null, "platform");
    }

    private static TriageService triage(List<KnownError> entries) {
        return new TriageService(new LogNormalizer(), new IndicationMatcher(entries), new LuceneKnowledgeIndex(entries),
                new Classifier(), new Redactor());
    }

    @Test
    void anEntryOnlyTheHeldOutRepositorySupportsIsRemovedForItsRunAndTheOthersStay() throws IOException {
        var alpha1 = write("a-1", "octo/alpha", "make deploy\nERROR: QuotaGuard refused the upload\nexit 1\n");
        var alpha2 = write("a-2", "octo/alpha", "cp out.bin /cache\nERROR: No space left on device\nexit 1\n");
        var beta = write("b-1", "octo/beta", "tar xf cache.tar\nERROR: No space left on device\nexit 1\n");
        var predictor = new Predictor(new PatternCheck(new LucenePhraseMatcher()), 30);

        var result = new LeaveOneRepositoryOut(LeaveOneRepositoryOutTest::triage, List.of(ONLY_ALPHA, SHARED, UNUSED),
                predictor, 30).run(List.of(alpha1, alpha2, beta), List.of());

        assertThat(result.support()).containsOnlyKeys("alpha-quota-error", "disk-full");
        assertThat(result.singleRepository()).containsExactlyEntriesOf(java.util.Map.of("alpha-quota-error", "octo/alpha"));
        assertThat(result.groups()).extracting(LeaveOneRepositoryOut.Group::repository, LeaveOneRepositoryOut.Group::dropped)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("octo/alpha", List.of("alpha-quota-error")),
                        org.assertj.core.groups.Tuple.tuple("octo/beta", List.of()));
        assertThat(result.predictions().get("a-1").match()).isNull();
        assertThat(result.predictions().get("a-2").match()).isEqualTo("disk-full");
        assertThat(result.predictions().get("a-2").patternFired()).isTrue();
        assertThat(result.withEverything().named()).isEqualTo(3);
        assertThat(result.heldOut().named()).isEqualTo(2);
        assertThat(result.heldOut().patternBackedShare()).isEqualTo(1.0);
    }

    @Test
    void supportFromAnotherCorpusSetKeepsAnEntryForTheRepositoryItWasFoundOn() throws IOException {
        var alpha = write("a-1", "octo/alpha", "make deploy\nERROR: QuotaGuard refused the upload\nexit 1\n");
        var beta = write("b-1", "octo/beta", "tar xf cache.tar\nERROR: No space left on device\nexit 1\n");
        var elsewhere = write("x-1", "gitlab.com/other", "upload\nERROR: QuotaGuard refused the upload\nexit 1\n");
        var predictor = new Predictor(new PatternCheck(new LucenePhraseMatcher()), 30);

        var result = new LeaveOneRepositoryOut(LeaveOneRepositoryOutTest::triage, List.of(ONLY_ALPHA, SHARED),
                predictor, 30).run(List.of(alpha, beta), List.of(elsewhere));

        assertThat(result.groups()).allSatisfy(g -> assertThat(g.dropped()).doesNotContain("alpha-quota-error"));
        assertThat(result.predictions().get("a-1").match()).isEqualTo("alpha-quota-error");
    }
}
