package dev.pipelinetriage.app.port;

import java.time.Instant;

/** One rerun per run attempt, however many people press the button at once. */
public interface RerunClaims {

    /** Claims the rerun of one run attempt for {@code user}; one claim per key ever wins until released. */
    RerunClaim claimRerun(String key, String user, Instant now);

    /** Records the started attempt's link on a claim. */
    void completeRerun(String key, String link);

    /** Gives a claim up after the CI refused the rerun, so someone may ask again. */
    void releaseRerun(String key);
}
