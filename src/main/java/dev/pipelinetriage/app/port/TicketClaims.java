package dev.pipelinetriage.app.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One ticket per problem: claims on a signature's ticket generations, their keys, comments and activity. */
public interface TicketClaims {

    /**
     * Claims ticket {@code generation} of a signature for {@code attemptId}, as {@link TicketRecord.State#PENDING}.
     * Exactly one claim per (signature, generation) ever wins.
     */
    TicketClaim claimTicket(String signatureKey, int generation, String attemptId, Instant now);

    /** The signature's latest ticket generation, if any. */
    Optional<TicketRecord> ticket(String signatureKey);

    /** Records the tracker's ticket on a claim, if {@code attemptId} still holds it; false when it does not. */
    boolean recordTicket(String signatureKey, int generation, String attemptId, TicketRef ticket);

    /** Pending claims made before {@code claimedBefore}: candidates for reconciliation after a crash. */
    List<TicketRecord> pendingTickets(Instant claimedBefore);

    /**
     * Moves a pending claim from {@code fromAttempt} to {@code toAttempt}, restarting its clock; false when someone
     * else took it over first or it was recorded meanwhile. One reconciler per claim wins.
     */
    boolean takeOverTicket(String signatureKey, int generation, String fromAttempt, String toAttempt, Instant now);

    /**
     * Claims the right to post the next summary comment: true when no comment was claimed at or after
     * {@code notSince} (and records {@code now}); one replica wins per interval.
     */
    boolean claimComment(String signatureKey, int generation, Instant notSince, Instant now);

    /** Sets the hysteresis state; true when it changed (one replica sees the change). */
    boolean setTicketActive(String signatureKey, int generation, boolean active);
}
