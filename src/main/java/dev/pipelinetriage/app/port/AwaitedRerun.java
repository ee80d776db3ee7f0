package dev.pipelinetriage.app.port;

import dev.pipelinetriage.domain.RunRef;
import java.time.Instant;
import java.util.Objects;

/**
 * A triaged failure shown on a card, waiting for a later attempt of its run to say whether it was flaky: if the
 * rerun passes, the failure's signature passed on rerun.
 *
 * @param failed the run attempt that failed (its concrete attempt; 0 where the provider does not number attempts)
 * @param job the failed job's name
 * @param cardId the card that shows the failure, updated in place when the rerun passes
 */
public record AwaitedRerun(RunRef failed, String job, String signatureKey, String cardId, Instant at) {
    public AwaitedRerun {
        Objects.requireNonNull(failed, "failed");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(signatureKey, "signatureKey");
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(at, "at");
    }

    /** One failure per failed run attempt, job and signature, however many cards show it. */
    public String key() {
        return failed.key() + "|" + job + "|" + signatureKey;
    }

    /** The run without its attempt: what every attempt of it shares. */
    public static String runKey(RunRef run) {
        return run.instance() + ":" + run.project() + ":" + run.runId();
    }
}
