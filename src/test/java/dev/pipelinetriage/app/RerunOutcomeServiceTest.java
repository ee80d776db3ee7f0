package dev.pipelinetriage.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.port.AwaitedRerun;
import dev.pipelinetriage.app.port.InMemoryStateStore;
import dev.pipelinetriage.app.port.MutableClock;
import dev.pipelinetriage.app.port.RerunOutcome;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.RunRef;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A finished attempt is credited to its run's earlier failures, once, and only where it says something new. */
class RerunOutcomeServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final RunRef FAILED = new RunRef("github", CiKind.GITHUB, "octo-org/widgets", "30433642", 1);
    private static final RunRef PIPELINE = new RunRef("gitlab", CiKind.GITLAB, "group/app", "31", 0);

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final RerunOutcomeService service = new RerunOutcomeService(store, new MutableClock(NOW));

    @Test
    void aPassingLaterAttemptIsRecordedForEachFailureOnceWhoeverReportsItAgain() {
        store.awaitRerun(new AwaitedRerun(FAILED, "test", "fp-0123456789abcdef", "card-1", NOW));
        store.awaitRerun(new AwaitedRerun(FAILED, "lint", "fp-fedcba9876543210", "card-1", NOW));
        RunFinished passed = new RunFinished(FAILED.withAttempt(2), true, "https://github.com/octo-org/widgets/actions/runs/30433642/attempts/2");

        assertThat(service.finished(passed)).extracting(RerunOutcome::passed).containsExactly(true, true);
        assertThat(service.finished(passed)).isEmpty();
        assertThat(store.passedOnRerun("fp-0123456789abcdef", NOW).count()).isEqualTo(1);
    }

    @Test
    void aFailedPipelineWithoutAttemptNumbersSaysNothingNewButAPassedOneDoes() {
        store.awaitRerun(new AwaitedRerun(PIPELINE, "rspec", "fp-0123456789abcdef", "card-1", NOW));

        assertThat(service.finished(new RunFinished(PIPELINE, false, "https://gitlab.example/group/app/-/pipelines/31")))
                .isEmpty();
        assertThat(service.finished(new RunFinished(PIPELINE, true, "https://gitlab.example/group/app/-/pipelines/31")))
                .singleElement().satisfies(o -> assertThat(o.awaited().job()).isEqualTo("rspec"));
    }

    @Test
    void aRunNobodyTriagedHasNoOutcome() {
        assertThat(service.finished(new RunFinished(FAILED.withAttempt(2), true, "link"))).isEmpty();
    }
}
