package dev.pipelinetriage.app.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bot's shared state: what must hold across retries, double clicks and (with a shared database) replicas.
 * Every "only once" guarantee rests on a unique key checked by the store in one atomic step, never on a
 * read followed by a write in the caller.
 */
public interface StateStore {

    /**
     * Claims an inbound event for processing. True for the first claim of {@code key}; false while an earlier
     * claim is younger than {@code ttl}, so a platform's redelivery is dropped.
     */
    boolean claimEvent(String key, Instant now, Duration ttl);

    /** Saves a card, replacing an earlier version with the same id. */
    void saveCard(StoredCard card);

    Optional<StoredCard> card(String id);

    void savePending(PendingRerun pending);

    /** The pending confirmation, if it exists and has not expired at {@code now}. */
    Optional<PendingRerun> pending(String id, Instant now);

    /** Claims the rerun of one run attempt for {@code user}; one claim per key ever wins until released. */
    RerunClaim claimRerun(String key, String user, Instant now);

    /** Records the started attempt's link on a claim. */
    void completeRerun(String key, String link);

    /** Gives a claim up after the CI refused the rerun, so someone may ask again. */
    void releaseRerun(String key);

    /** Saves feedback; false when this user already gave this kind of feedback on this card. */
    boolean saveFeedback(Feedback feedback);

    /**
     * Feedback counts: {@code helpful}, {@code not_right} and {@code not_right:<verdict>} for each correct verdict
     * named.
     */
    Map<String, Long> feedbackCounts();

    // Recurrence: occurrences per signature and the tickets filed for them.

    /**
     * Records one occurrence. True the first time for its job attempt under this signature; false for a
     * re-triage, which changes nothing. The signature's running total grows atomically with each new occurrence.
     */
    boolean recordOccurrence(Occurrence occurrence);

    Optional<SignatureInfo> signature(String signatureKey);

    /** Occurrences of one signature at or after {@code since}, with up to {@code maxLinks} recent links. */
    OccurrenceWindow occurrences(String signatureKey, Instant since, int maxLinks);

    /** The signatures seen most often since {@code since}, most first, each with its current ticket. */
    List<TopSignature> top(Instant since, int limit);

    /** Forgets occurrences older than {@code before} (running totals stay); returns how many went. */
    int pruneOccurrences(Instant before);

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
