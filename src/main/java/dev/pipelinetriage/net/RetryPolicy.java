package dev.pipelinetriage.net;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * How hard a client tries one request: how many attempts, how long between them, after which answers and which
 * failed connections, and how much of a server's {@code Retry-After} it honours. One policy type for every
 * adapter; each adapter states its own instance in one place. The per-request counting is {@link Attempts}.
 *
 * @param maxAttempts attempts in all, the first included
 * @param backoff the wait when the server did not say how long
 * @param retryStatuses statuses after which an idempotent request is sent again
 * @param resendStatuses statuses after which any request, idempotent or not, is sent again: answers that say
 *     it was turned away before it was acted on (a subset of {@code retryStatuses})
 * @param networkFailures which failed connections are worth another attempt
 * @param longestRetryAfter the longest asked wait that is honoured; a longer one ends the attempts, since asking
 *     again before it is over earns another refusal
 * @param spreadRetryAfter whether a first-retry backoff is added to an asked wait, so callers that were all told
 *     the same moment do not return together
 */
public record RetryPolicy(
        int maxAttempts,
        Backoff backoff,
        Set<Integer> retryStatuses,
        Set<Integer> resendStatuses,
        NetworkFailures networkFailures,
        Duration longestRetryAfter,
        boolean spreadRetryAfter) {

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 11) {
            throw new IllegalArgumentException("maxAttempts must be 1..11, got " + maxAttempts);
        }
        Objects.requireNonNull(backoff, "backoff");
        retryStatuses = Set.copyOf(retryStatuses);
        resendStatuses = Set.copyOf(resendStatuses);
        Objects.requireNonNull(networkFailures, "networkFailures");
        Objects.requireNonNull(longestRetryAfter, "longestRetryAfter");
        if (longestRetryAfter.isNegative()) {
            throw new IllegalArgumentException("longestRetryAfter must not be negative, got " + longestRetryAfter);
        }
        if (!retryStatuses.containsAll(resendStatuses)) {
            throw new IllegalArgumentException("resendStatuses " + sorted(resendStatuses)
                    + " must all be retryStatuses " + sorted(retryStatuses));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether a request answered {@code status} is sent again. */
    public boolean retryable(int status, boolean idempotent) {
        return (idempotent ? retryStatuses : resendStatuses).contains(status);
    }

    /** Whether a request whose exchange failed with {@code failure} is sent again. */
    public boolean retryable(IOException failure, boolean idempotent) {
        return networkFailures.retryable(failure, idempotent);
    }

    /** Counts one request's attempts; the first is under way. */
    public Attempts attempts(RandomGenerator random) {
        return new Attempts(this, Objects.requireNonNull(random, "random"));
    }

    /** For a backoff without jitter, which needs no random draws. */
    public Attempts attempts() {
        if (backoff.jittered()) {
            throw new IllegalStateException("a jittered backoff needs a random generator: use attempts(random)");
        }
        return new Attempts(this, () -> {
            throw new IllegalStateException("an unjittered backoff drew a random number");
        });
    }

    private static String sorted(Set<Integer> statuses) {
        return statuses.stream().sorted().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }

    /** Names the parts of a policy; {@code maxAttempts} and {@code backoff} have no default. */
    public static final class Builder {
        private Integer maxAttempts;
        private Backoff backoff;
        private Set<Integer> retryStatuses = Set.of();
        private Set<Integer> resendStatuses = Set.of();
        private NetworkFailures networkFailures = NetworkFailures.IDEMPOTENT_ONLY;
        private Duration longestRetryAfter = Duration.ZERO;
        private boolean spreadRetryAfter;

        private Builder() {
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder backoff(Backoff backoff) {
            this.backoff = backoff;
            return this;
        }

        /** Statuses after which an idempotent request is sent again. */
        public Builder retryStatuses(int... statuses) {
            this.retryStatuses = set(statuses);
            return this;
        }

        /** Statuses after which any request is sent again; each must also be a retry status. */
        public Builder resendStatuses(int... statuses) {
            this.resendStatuses = set(statuses);
            return this;
        }

        /** Defaults to {@link NetworkFailures#IDEMPOTENT_ONLY}. */
        public Builder networkFailures(NetworkFailures networkFailures) {
            this.networkFailures = networkFailures;
            return this;
        }

        /** Defaults to zero: any asked wait ends the attempts. */
        public Builder longestRetryAfter(Duration longestRetryAfter) {
            this.longestRetryAfter = longestRetryAfter;
            return this;
        }

        /** Adds a first-retry backoff to every asked wait. Off by default. */
        public Builder spreadRetryAfter() {
            this.spreadRetryAfter = true;
            return this;
        }

        private static Set<Integer> set(int... statuses) {
            return Arrays.stream(statuses).boxed().collect(Collectors.toUnmodifiableSet());
        }

        public RetryPolicy build() {
            if (maxAttempts == null) {
                throw new IllegalStateException("maxAttempts was not set");
            }
            if (backoff == null) {
                throw new IllegalStateException("backoff was not set");
            }
            return new RetryPolicy(maxAttempts, backoff, retryStatuses, resendStatuses, networkFailures,
                    longestRetryAfter, spreadRetryAfter);
        }
    }
}
