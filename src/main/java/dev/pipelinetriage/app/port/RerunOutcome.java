package dev.pipelinetriage.app.port;

import java.time.Instant;
import java.util.Objects;

/**
 * How the rerun of an awaited failure ended.
 *
 * @param awaited the failure the rerun repeated
 * @param passed true when the later attempt passed
 * @param link the later attempt's page (built from the configured instance, never taken from a payload)
 */
public record RerunOutcome(AwaitedRerun awaited, boolean passed, String link, Instant at) {
    public RerunOutcome {
        Objects.requireNonNull(awaited, "awaited");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(at, "at");
    }
}
