package dev.pipelinetriage.app;

import dev.pipelinetriage.domain.RunRef;
import java.util.Objects;

/**
 * A CI told the bot, through a verified webhook, that a run attempt finished: if an earlier attempt's failure was
 * triaged, this attempt is its rerun.
 *
 * @param run the attempt that finished (attempt 0 where the provider does not number attempts)
 * @param passed true when it passed
 * @param link the attempt's page, built from the configured instance and the payload's ids
 */
public record RunFinished(RunRef run, boolean passed, String link) {
    public RunFinished {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(link, "link");
    }
}
