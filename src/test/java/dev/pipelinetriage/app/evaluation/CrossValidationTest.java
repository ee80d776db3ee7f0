package dev.pipelinetriage.app.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinetriage.adapter.search.LuceneKnowledgeIndex;
import dev.pipelinetriage.adapter.search.LucenePhraseMatcher;
import dev.pipelinetriage.app.TriageService;
import dev.pipelinetriage.domain.Category;
import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.RerunAdvice;
import dev.pipelinetriage.engine.classify.Classifier;
import dev.pipelinetriage.engine.extract.Tuning;
import dev.pipelinetriage.engine.match.IndicationMatcher;
import dev.pipelinetriage.engine.normalize.LogNormalizer;
import dev.pipelinetriage.engine.redact.Redactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossValidationTest {

    private static KnownError entry(String id, String regex) {
        return new KnownError(id, "Title of " + id, Category.PLATFORM, "test", List.of(new Indication.LineRegex(regex)),
                List.of(), List.of(), "runbooks/x.md", "fix", RerunAdvice.SAFE, "platform", List.of());
    }

    /** Fires on fold 1's repository only. */
    private static final KnownError ONLY_ALPHA = entry("alpha-quota-error", "QuotaGuard refused");
    /** Fires in both folds. */
    private static final KnownError SHARED = entry("disk-full", "No space left on device");

    @TempDir
    Path dir;

    private EvalCase write(String id, String group, String log, String gold) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(id));
        Files.writeString(folder.resolve("log.txt"), log);
        return new EvalCase(id, group, folder.resolve("log.txt"), List.of(gold), "platform");
    }

    private static TriageService triage(List<KnownError> entries, Tuning tuning) {
        return new TriageService(new LogNormalizer(), new IndicationMatcher(entries), new LuceneKnowledgeIndex(entries),
                new Classifier(), new Redactor(), tuning);
    }

    @Test
    void eachFoldIsTriagedWithoutTheEntriesOnlyItSupportsAndWithWeightsChosenOnTheOthers() throws IOException {
        var alpha = write("a-1", "octo/alpha", "$ make deploy\nERROR: QuotaGuard refused the upload\n", "ERROR: QuotaGuard refused the upload");
        var alphaDisk = write("a-2", "octo/alpha", "$ cp out.bin /cache\nERROR: No space left on device\n", "ERROR: No space left on device");
        var beta = write("b-1", "octo/beta", "$ tar xf cache.tar\nERROR: No space left on device\n", "ERROR: No space left on device");
        var predictor = new Predictor(new PatternCheck(new LucenePhraseMatcher()), 30);
        var grid = List.of(Tuning.DEFAULT, new Tuning(0, 0, 0));

        var result = new CrossValidation(CrossValidationTest::triage, List.of(ONLY_ALPHA, SHARED), predictor, 30, grid)
                .run(List.of(alpha, alphaDisk, beta), Map.of("a-1", 1, "a-2", 1, "b-1", 2), List.of());

        assertThat(result.folds()).extracting(CrossValidation.Fold::fold, CrossValidation.Fold::dropped)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, List.of("alpha-quota-error")),
                        org.assertj.core.groups.Tuple.tuple(2, List.of()));
        // every weight setting extracts these one-line failures alike, so the default is kept
        assertThat(result.folds()).extracting(CrossValidation.Fold::chosen).containsOnly(Tuning.DEFAULT);
        assertThat(result.predictions().get("a-1").match()).isNull();
        assertThat(result.predictions().get("a-2").match()).isEqualTo("disk-full");
        assertThat(result.inSample().named()).isEqualTo(3);
        assertThat(result.pooled().named()).isEqualTo(2);
        assertThat(result.pooled().hitRate()).isEqualTo(1.0);
        assertThat(result.worst(1)).hasSize(1);
    }

    @Test
    void aCaseWithoutAFoldIsRefusedByName() throws IOException {
        var alpha = write("a-1", "octo/alpha", "ERROR: QuotaGuard refused the upload\n", "ERROR: QuotaGuard refused the upload");
        var cv = new CrossValidation(CrossValidationTest::triage, List.of(ONLY_ALPHA),
                new Predictor(new PatternCheck(new LucenePhraseMatcher()), 30), 30, List.of(Tuning.DEFAULT));
        assertThatThrownBy(() -> cv.run(List.of(alpha), Map.of(), List.of())).hasMessageContaining("a-1");
    }
}
