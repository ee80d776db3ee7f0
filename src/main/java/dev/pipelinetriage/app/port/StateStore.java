package dev.pipelinetriage.app.port;

import java.time.Duration;
import java.time.Instant;
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
}
