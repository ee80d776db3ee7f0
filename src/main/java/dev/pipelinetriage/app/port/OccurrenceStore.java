package dev.pipelinetriage.app.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Occurrences of each failure signature: how often, where, and since when. */
public interface OccurrenceStore {

    /**
     * Records one occurrence. True the first time for its job attempt under this signature; false for a
     * re-triage, which changes nothing. The signature's running total grows atomically with each new occurrence.
     * The signature keeps the verdict of its first occurrence, except that an occurrence judged flaky (from its
     * rerun history) makes it flaky for good.
     */
    boolean recordOccurrence(Occurrence occurrence);

    Optional<SignatureInfo> signature(String signatureKey);

    /** Occurrences of one signature at or after {@code since}, with up to {@code maxLinks} recent links. */
    OccurrenceWindow occurrences(String signatureKey, Instant since, int maxLinks);

    /** The signatures seen most often since {@code since}, most first, each with its current ticket. */
    List<TopSignature> top(Instant since, int limit);

    /** Forgets occurrences older than {@code before} (running totals stay); returns how many went. */
    int pruneOccurrences(Instant before);
}
