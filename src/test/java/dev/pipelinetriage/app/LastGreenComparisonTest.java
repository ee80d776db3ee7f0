package dev.pipelinetriage.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.port.CiProblem;
import dev.pipelinetriage.app.port.FakeCiProvider;
import dev.pipelinetriage.app.port.GreenRunResult;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.boot.Bootstrap;
import dev.pipelinetriage.domain.GreenRunDiff;
import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.domain.TriageReport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A failed job compared with its last green run, from a pasted link to the report; and every way that can fail. */
class LastGreenComparisonTest {
    private static final TriageService TRIAGE = Bootstrap.triageService(
            ((KnowledgeBaseLoad.Loaded) Bootstrap.knowledgeBase(Optional.empty())).knownErrors());
    private static final String LINK = "https://ci.example/octo/repo/runs/42";
    private static final String[] FAILED = {
        "Run options: --seed 4242",
        "# Running:",
        "DEPRECATION WARNING: Using a dynamic :action segment in a route is deprecated",
        "W, [2026-11-26T09:00:02] WARN -- : Connection to cache failed, retrying in 1s",
        "..F.......",
        "  1) Failure:",
        "OrderTest#test_total [test/order_test.rb:12]:",
        "Expected: 42",
        "  Actual: 41",
        "10 runs, 11 assertions, 1 failures, 0 errors, 0 skips",
        "##[error]Process completed with exit code 1."};
    private static final String[] GREEN = {
        "Run options: --seed 1717",
        "# Running:",
        "DEPRECATION WARNING: Using a dynamic :action segment in a route is deprecated",
        "W, [2026-11-25T09:00:02] WARN -- : Connection to cache failed, retrying in 1s",
        "..........",
        "10 runs, 12 assertions, 0 failures, 0 errors, 0 skips"};

    private final FakeCiProvider ci = new FakeCiProvider().log(FAILED);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseBlockedLookups() {
        release.countDown();
    }

    private TriageReport triage(LastGreenLogs lastGreen) {
        var result = (LinkTriage.Triaged) new LinkTriage(new FailedJobLogs(List.of(ci), 1 << 20, lastGreen), TRIAGE, 30)
                .triage(LINK);
        return ((LinkTriage.Reported) result.jobs().getFirst()).report();
    }

    private static LastGreenLogs looking() {
        return LastGreenLogs.within(1 << 20, LastGreenLogs.DEFAULT_BUDGET);
    }

    private static List<String> texts(TriageReport report, boolean fresh) {
        GreenRunDiff green = report.lastGreen().orElseThrow();
        return report.excerpt().stream().filter(l -> green.isNew(l) == fresh).map(RedactedLine::text).toList();
    }

    @Test
    void theReportLinksTheLastGreenRunAndMarksTheLinesNewSinceIt() {
        ci.greenRun(GREEN);

        TriageReport report = triage(looking());

        assertThat(report.lastGreen()).hasValueSatisfying(g -> assertThat(g.webUrl()).isEqualTo("https://ci.example/octo/repo/runs/41"));
        assertThat(texts(report, true)).contains("  1) Failure:", "Expected: 42", "  Actual: 41")
                .noneMatch(t -> t.contains("runs,") || t.contains("WARN"));
        assertThat(texts(report, false)).allMatch(t -> t.startsWith("10 runs") || t.contains("WARN -- : Connection to cache"));
    }

    @Test
    void withoutAGreenRunTheReportSaysNothingWasCompared() {
        TriageReport report = triage(looking());

        assertThat(report.lastGreen()).isEmpty();
        assertThat(ci.greenLookups).hasSize(1);
    }

    @Test
    void aLookupProblemLeavesTheJobTriagedWithoutAComparison() {
        ci.greenRun(GREEN).greenRunAnswers(() -> new CiProblem.Forbidden("The token cannot list workflow runs.", "actions:read"));

        TriageReport report = triage(looking());

        assertThat(report.lastGreen()).isEmpty();
        assertThat(report.excerpt()).extracting(RedactedLine::text).contains("Expected: 42");
    }

    @Test
    void aGreenLogThatCannotBeReadLeavesTheJobTriagedWithoutAComparison() {
        ci.greenRun(GREEN).greenLogUnreadable(new CiProblem.Expired("The green run's log is gone."));

        TriageReport report = triage(looking());

        assertThat(report.lastGreen()).isEmpty();
        assertThat(report.excerpt()).extracting(RedactedLine::text).contains("Expected: 42");
    }

    @Test
    void aLookupThatOutlastsItsBudgetIsNotWaitedFor() {
        ci.greenRun(GREEN).greenRunAnswers(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new GreenRunResult.None("released");
        });

        TriageReport report = triage(LastGreenLogs.within(1 << 20, Duration.ofMillis(50)));

        assertThat(report.lastGreen()).isEmpty();
        assertThat(report.excerpt()).extracting(RedactedLine::text).contains("Expected: 42");
    }

    @Test
    void aLookupThatThrowsIsTreatedAsNoGreenRun() {
        ci.greenRun(GREEN).greenRunAnswers(() -> {
            throw new IllegalStateException("the CI sent JSON that does not match the documented shape");
        });

        TriageReport report = triage(looking());

        assertThat(report.lastGreen()).isEmpty();
        assertThat(report.verdict()).isNotNull();
    }

    @Test
    void turnedOffTheProviderIsNeverAsked() {
        ci.greenRun(GREEN);

        TriageReport report = triage(LastGreenLogs.off());

        assertThat(report.lastGreen()).isEmpty();
        assertThat(ci.greenLookups).isEmpty();
    }
}
