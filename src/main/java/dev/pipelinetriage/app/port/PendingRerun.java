package dev.pipelinetriage.app.port;

import java.time.Instant;
import java.util.Objects;

/**
 * A rerun proposed to an authorized user and waiting for their confirmation. Only {@code id} travels through
 * the chat platform's form; who may confirm is kept here, so a forged form cannot change it.
 */
public record PendingRerun(String id, Actor proposedTo, String cardId, Instant expiresAt) {
    public PendingRerun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(proposedTo, "proposedTo");
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
