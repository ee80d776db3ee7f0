package dev.pipelinetriage.app.port;

import dev.pipelinetriage.domain.Signature;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the store knows about a signature over its whole life: the first occurrence's evidence (what a ticket
 * shows) and the running total.
 *
 * @param knownError the known error's id, or null for a fingerprint
 * @param runbook the runbook link, or null
 * @param total every occurrence ever recorded, not only those still retained
 */
public record SignatureInfo(Signature signature, String knownError, String runbook, List<String> excerpt, long total,
        Instant firstSeen, Instant lastSeen) {

    public SignatureInfo {
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        excerpt = List.copyOf(excerpt);
    }
}
