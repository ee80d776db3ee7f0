package dev.pipelinetriage.app.port;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How often one signature's failures passed when their run was run again, within a window.
 *
 * @param count passes at or after the window's start
 * @param first the earliest of them, or null when there was none
 */
public record PassedOnRerun(String signatureKey, long count, Instant first) {
    public PassedOnRerun {
        Objects.requireNonNull(signatureKey, "signatureKey");
        if (count < 0 || (count == 0) != (first == null)) {
            throw new IllegalArgumentException("a count of " + count + " with first pass " + first + " does not add up");
        }
    }

    public static PassedOnRerun none(String signatureKey) {
        return new PassedOnRerun(signatureKey, 0, null);
    }

    public Optional<Instant> since() {
        return Optional.ofNullable(first);
    }
}
