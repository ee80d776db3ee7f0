package dev.pipelinetriage.app.port;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One acknowledged piece of work as the store keeps it.
 *
 * @param kind what finishes it ({@code paste:slack}, {@code webhook})
 * @param key the work's identity: a second enqueue of the same key finds this item
 * @param payload what finishing it needs, as the kind's handler wrote it
 * @param placeholder the message posted while it runs, which the card replaces, or null
 * @param takeovers how often it was taken over from an owner that did not finish it (0 for fresh work)
 */
public record WorkItem(String id, String kind, String key, String payload, String placeholder, int takeovers,
        Instant acceptedAt) {
    /** The longest key the stores take; longer identities are hashed by the caller. */
    public static final int MAX_KEY = 300;

    public WorkItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        if (takeovers < 0) {
            throw new IllegalArgumentException("takeovers must be >= 0, got " + takeovers);
        }
    }

    public Optional<String> placeholderMessage() {
        return Optional.ofNullable(placeholder);
    }

    public WorkItem withPlaceholder(String messageId) {
        return new WorkItem(id, kind, key, payload, messageId, takeovers, acceptedAt);
    }
}
