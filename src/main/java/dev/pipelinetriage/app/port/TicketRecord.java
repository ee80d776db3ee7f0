package dev.pipelinetriage.app.port;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The database's row for one ticket of one signature. A signature's first ticket is generation 1; a new ticket
 * for a closed one (when so configured) is the next generation. The unique key (signature, generation) is what
 * makes "one ticket" hold across replicas.
 *
 * @param attemptId who holds the claim: the replica's attempt that creates (or, after a crash, reconciles) it
 * @param ticket the tracker's ticket once recorded; null while {@link State#PENDING}
 * @param active above the activation threshold and not yet below the deactivation one (hysteresis)
 * @param lastCommentAt when the last summary comment was claimed, or null
 */
public record TicketRecord(String signatureKey, int generation, State state, String attemptId, Instant claimedAt,
        TicketRef ticket, boolean active, Instant lastCommentAt) {

    public enum State {
        /** Claimed; the tracker may or may not have the ticket yet. */
        PENDING,
        /** The tracker's key is recorded. */
        FILED
    }

    public TicketRecord {
        Objects.requireNonNull(signatureKey, "signatureKey");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(attemptId, "attemptId");
        Objects.requireNonNull(claimedAt, "claimedAt");
        if (generation < 1) {
            throw new IllegalArgumentException("generation starts at 1, got " + generation);
        }
        if ((state == State.FILED) != (ticket != null)) {
            throw new IllegalArgumentException("a filed ticket has a key and a pending one has none");
        }
    }

    public Optional<TicketRef> filed() {
        return Optional.ofNullable(ticket);
    }
}
