package dev.pipelinetriage.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.port.KnowledgeIndex;
import dev.pipelinetriage.domain.Category;
import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.Match;
import dev.pipelinetriage.domain.RerunAdvice;
import dev.pipelinetriage.engine.classify.Classifier;
import dev.pipelinetriage.engine.match.IndicationMatcher;
import dev.pipelinetriage.engine.normalize.LogNormalizer;
import dev.pipelinetriage.engine.redact.Redactor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A log that exhausts the regex budget still gets a report, and the report says matching stopped (issue 12, item 4). */
class TriageRegexBudgetTest {

    private static final KnownError SLOW = new KnownError("slow-entry", "An entry whose regex backtracks",
            Category.CODE, "test", List.of(new Indication.LineRegex("step: .*done .*ok")), List.of("step: done ok"),
            List.of(), "runbooks/slow.md", "Nothing.", RerunAdvice.NEVER, "developer", List.of());

    private static final KnowledgeIndex NO_INDEX = new KnowledgeIndex() {
        @Override
        public List<KnownError> entries() {
            return List.of(SLOW);
        }

        @Override
        public List<Match> search(List<LogLine> failureLines, int limit) {
            return List.of();
        }
    };

    private static TriageService service(IndicationMatcher.LogBudget budget) {
        return new TriageService(new LogNormalizer(), new IndicationMatcher(List.of(SLOW), budget), NO_INDEX,
                new Classifier(), new Redactor());
    }

    private static ByteArrayInputStream log(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aHostileLogIsReportedWithTheLineWhereRegexMatchingStopped() {
        String hostile = ("step: done ".repeat(100) + "\n").repeat(500) + "error: step: done ok\n";
        var report = service(new IndicationMatcher.LogBudget(1_000_000, 4)).analyze(log(hostile), 30, false);
        assertThat(report.reason()).contains("Regex budget exhausted at line")
                .contains("skipped for the rest of the log");
        assertThat(report.match()).as("the matching line came after the budget ran out").isNull();
    }

    @Test
    void anOrdinaryLogSaysNothingAboutTheBudget() {
        var report = service(IndicationMatcher.LogBudget.DEFAULT).analyze(log("compiling\nerror: step: done ok\n"), 30, false);
        assertThat(report.reason()).doesNotContain("budget");
    }
}
