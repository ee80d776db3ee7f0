package dev.pipelinetriage.app.port;

import java.time.Duration;
import java.time.Instant;

/** Inbound events (chat messages, webhook deliveries, digest weeks) handled once, whatever the redeliveries. */
public interface EventClaims {

    /**
     * Claims an inbound event for processing. True for the first claim of {@code key}; false while an earlier
     * claim is younger than {@code ttl}, so a platform's redelivery is dropped.
     */
    boolean claimEvent(String key, Instant now, Duration ttl);
}
