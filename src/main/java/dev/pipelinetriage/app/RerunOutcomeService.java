package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.AwaitedRerun;
import dev.pipelinetriage.app.port.RerunOutcome;
import dev.pipelinetriage.app.port.RerunOutcomes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Credits a finished run attempt to the failures triaged on its earlier attempts: each awaited failure gets one
 * outcome, recorded by whichever replica (or redelivery) reports it first, which alone acts on it.
 */
public final class RerunOutcomeService {
    private final RerunOutcomes outcomes;
    private final Clock clock;

    public RerunOutcomeService(RerunOutcomes outcomes, Clock clock) {
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The outcomes this call recorded; empty when the run had no awaited failure or others recorded them. */
    public List<RerunOutcome> finished(RunFinished finished) {
        // Without attempt numbers a failed run cannot be told from the failure already triaged: only a pass says
        // something new.
        if (!finished.passed() && finished.run().attempt() == 0) {
            return List.of();
        }
        List<RerunOutcome> recorded = new ArrayList<>();
        for (AwaitedRerun awaited : outcomes.awaiting(finished.run())) {
            RerunOutcome outcome = new RerunOutcome(awaited, finished.passed(), finished.link(), clock.instant());
            if (outcomes.recordRerunOutcome(outcome)) {
                recorded.add(outcome);
            }
        }
        return recorded;
    }
}
