package dev.pipelinetriage.engine.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinetriage.domain.Category;
import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.NamedError;
import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.domain.RedactedText;
import dev.pipelinetriage.domain.RerunAdvice;
import dev.pipelinetriage.domain.TriageReport;
import dev.pipelinetriage.domain.Verdict;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Passes on rerun as evidence of flakiness: enough of them make an unexplained failure flaky, never a known one. */
class RerunHistoryTest {
    private static final Instant SINCE = Instant.parse("2026-11-20T08:00:00Z");
    private static final List<RedactedLine> EXCERPT = List.of(new RedactedLine(3, "widget-sync: handshake with peer failed"));
    private final RerunHistory history = new RerunHistory(2);

    private static TriageReport unexplained() {
        return new TriageReport(Verdict.CODE, 0.6, new RedactedText("Run ./scripts/integration.sh"), null, EXCERPT, false, RerunAdvice.NEVER,
                "no known error; generic test failure signs point to code", List.of("test failure"));
    }

    @Test
    void anUnexplainedFailureThatPassedOnRerunOftenEnoughIsFlakyWithItsHistoryAsTheReason() {
        TriageReport judged = history.judge(unexplained(), 3, SINCE);

        assertThat(judged.verdict()).isEqualTo(Verdict.FLAKY);
        assertThat(judged.reason()).startsWith("no known error; passed on rerun 3 times since 2026-11-20");
        assertThat(judged.rerun()).isEqualTo(RerunAdvice.SAFE);
        assertThat(judged.excerpt()).isEqualTo(EXCERPT);
        assertThat(judged.signals()).containsExactly("test failure");
    }

    @Test
    void belowTheThresholdTheReportStandsAsItWas() {
        assertThat(history.judge(unexplained(), 1, SINCE)).isEqualTo(unexplained());
        assertThat(history.judge(unexplained(), 0, null)).isEqualTo(unexplained());
    }

    @Test
    void aKnownErrorWhosePatternFiredKeepsItsOwnCategory() {
        KnownError oom = new KnownError("runner-out-of-memory", "Runner out of memory", Category.PLATFORM, "memory",
                List.of(new Indication.LineRegex("out of memory")), List.of(), List.of(), "runbooks/oom.md", "fix",
                RerunAdvice.SAFE, "platform", List.of());
        TriageReport known = new TriageReport(Verdict.PLATFORM, 0.9, null, new NamedError(oom, 0.9, EXCERPT, true), EXCERPT,
                false, RerunAdvice.SAFE, "matches known error 'Runner out of memory'");

        assertThat(history.judge(known, 5, SINCE)).isEqualTo(known);
    }

    @Test
    void aThresholdBelowOneIsRefused() {
        assertThatThrownBy(() -> new RerunHistory(0)).hasMessageContaining("at least 1, got 0");
    }
}
