package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.PassedOnRerun;
import dev.pipelinetriage.app.port.RerunOutcomes;
import dev.pipelinetriage.domain.TriageReport;
import dev.pipelinetriage.engine.classify.RerunHistory;
import dev.pipelinetriage.engine.signature.Signatures;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a failure flaky when its signature passed on rerun often enough lately ({@link RerunHistory}): the
 * threshold and window are configured, the passes are the store's.
 */
public final class RerunFlakiness implements UnaryOperator<TriageReport> {
    private static final Logger LOG = LoggerFactory.getLogger(RerunFlakiness.class);

    private final RerunOutcomes outcomes;
    private final RerunHistory history;
    private final Duration window;
    private final Clock clock;

    /**
     * @param threshold passes on rerun within {@code window} that make a signature flaky
     */
    public RerunFlakiness(RerunOutcomes outcomes, int threshold, Duration window, Clock clock) {
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.history = new RerunHistory(threshold);
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, got " + window);
        }
    }

    /** Leaves every report as it is: rerun outcomes are not recorded. */
    public static UnaryOperator<TriageReport> none() {
        return UnaryOperator.identity();
    }

    @Override
    public TriageReport apply(TriageReport report) {
        if (report.match() != null) {
            return report;
        }
        return Signatures.of(report).map(signature -> {
            try {
                PassedOnRerun passed = outcomes.passedOnRerun(signature.key(), clock.instant().minus(window));
                return history.judge(report, passed.count(), passed.first());
            } catch (RuntimeException e) {
                // The history is extra evidence: without it the report stands as the engine made it.
                LOG.error("reading the rerun history of {} failed", signature.key(), e);
                return report;
            }
        }).orElse(report);
    }
}
