package dev.pipelinetriage.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.adapter.metrics.MicrometerTriageMetrics;
import dev.pipelinetriage.app.port.FakeCiProvider;
import dev.pipelinetriage.app.port.KnowledgeIndex;
import dev.pipelinetriage.app.port.OccurrenceListener;
import dev.pipelinetriage.app.port.TriageHistory;
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
import io.micrometer.core.instrument.MockClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
        assertThat(report.matchingCutShort()).as("flagged for the metrics").isTrue();
    }

    @Test
    void aFetchedLogThatSpendsTheBudgetIsCountedInTheMetricsOperatorsAlertOn() {
        String hostileLine = "step: done ".repeat(100);
        String[] lines = new String[501];
        java.util.Arrays.fill(lines, hostileLine);
        lines[500] = "error: step: done ok";
        FakeCiProvider ci = new FakeCiProvider().failedJobs("build").log(lines);
        MicrometerTriageMetrics metrics = new MicrometerTriageMetrics(new MockClock());
        TriageService hostileBudget = service(new IndicationMatcher.LogBudget(1_000_000, 4));
        LinkTriage triage = new LinkTriage(new FailedJobLogs(List.of(ci), 1 << 20), () -> hostileBudget, 30,
                OccurrenceListener.NONE, metrics, TriageHistory.none(), Clock.systemUTC());

        assertThat(triage.triage("https://ci.example/acme/app/runs/7")).isInstanceOf(LinkTriage.Triaged.class);

        assertThat(metrics.scrape()).contains("triage_regex_budget_exhausted_total 1.0");
    }

    @Test
    void anOrdinaryLogSaysNothingAboutTheBudget() {
        var report = service(IndicationMatcher.LogBudget.DEFAULT).analyze(log("compiling\nerror: step: done ok\n"), 30, false);
        assertThat(report.reason()).doesNotContain("budget");
        assertThat(report.matchingCutShort()).isFalse();
    }
}
