package dev.pipelinetriage.app.port;

import dev.pipelinetriage.domain.RunRef;
import java.time.Instant;
import java.util.List;

/**
 * What happened when triaged failures were run again: the strongest evidence of flakiness there is. Each awaited
 * failure gets one outcome, whichever replica or redelivery reports it first. Failures awaited more than a year
 * ago (longer than any flaky window) may be forgotten.
 */
public interface RerunOutcomes {

    /**
     * Remembers a failure shown on a card. The same failure awaited again (another card of the same run attempt)
     * moves it to the newer card while it has no outcome.
     */
    void awaitRerun(AwaitedRerun awaited);

    /**
     * Failures of {@code later}'s run without an outcome yet, triaged on an earlier attempt; where the provider does
     * not number attempts ({@code later.attempt()} is 0), every such failure of the run.
     */
    List<AwaitedRerun> awaiting(RunRef later);

    /** Records an awaited failure's outcome; true the first time, false when it already has one. */
    boolean recordRerunOutcome(RerunOutcome outcome);

    /** Passes on rerun of failures under {@code signatureKey} at or after {@code since}. */
    PassedOnRerun passedOnRerun(String signatureKey, Instant since);
}
