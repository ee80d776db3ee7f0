package dev.pipelinetriage.app.port;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What outage grouping keeps in the shared store, so that every replica sees the same counts and one banner per
 * outage, also after a restart. As everywhere in the store, "only once" comes from a unique key.
 */
public interface OutageStore {

    /** Records that a job hit a signature in a channel; false when that job was already counted there. */
    boolean recordHit(String channel, String signatureKey, String jobKey, Instant at);

    /** The hits of a signature in a channel at or after {@code since}. */
    Hits hits(String channel, String signatureKey, Instant since);

    /** The newest banner of a signature in a channel, open or not. */
    Optional<Banner> latestBanner(String channel, String signatureKey);

    /** Opens a banner (its generation is the previous one's plus one); true for exactly one caller. */
    boolean openBanner(Banner banner);

    /** Records the chat message that shows a banner. */
    void bannerPosted(String channel, String signatureKey, int generation, String messageId);

    /** Moves the banner's last hit forward to {@code at} (never back): it stays open while hits keep coming. */
    void touchBanner(String channel, String signatureKey, int generation, Instant at);

    /**
     * Raises the count the banner's message shows to {@code count}, if the message exists and shows less; true when
     * it was raised, and then the caller updates the message. One replica wins each raise.
     */
    boolean raiseShown(String channel, String signatureKey, int generation, long count);

    /** Forgets hits older than {@code before}; returns how many went. */
    int pruneHits(Instant before);

    /** @param first the earliest hit counted, or null when there is none */
    record Hits(long count, Instant first) {
    }

    /**
     * One outage banner.
     *
     * @param since the first hit of the outage: the banner counts every hit from then on
     * @param lastHit the latest hit; the banner is open while it is within the grouping window
     * @param messageId the chat message, or null until it is posted
     * @param shown the count the message shows
     */
    record Banner(String channel, String signatureKey, int generation, Instant since, Instant lastHit, String messageId,
            long shown) {
        public Banner {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(signatureKey, "signatureKey");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(lastHit, "lastHit");
            if (generation < 1) {
                throw new IllegalArgumentException("generation starts at 1, got " + generation);
            }
        }
    }
}
