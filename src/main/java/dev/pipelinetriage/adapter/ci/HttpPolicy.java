package dev.pipelinetriage.adapter.ci;

import dev.pipelinetriage.net.Backoff;
import dev.pipelinetriage.net.NetworkFailures;
import dev.pipelinetriage.net.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How hard one instance's client tries.
 *
 * @param callTimeout overall deadline of one request, retries and waits included
 * @param maxConcurrentRequests per-instance limit on requests in flight (GitHub allows 100 across REST+GraphQL)
 * @param maxRetries extra attempts for idempotent requests (GET, HEAD) on 5xx, connection failures and short
 *     rate-limit waits; other requests are never repeated
 * @param backoffBase first backoff; doubles each retry, with full jitter
 * @param maxRetryWait longest wait the bot accepts inside one request; a longer rate-limit wait is reported
 *     to the user as "retry after N s" instead
 * @param defaultRateLimitWait assumed wait for a 429 without any rate-limit header (GitLab.com omits them)
 */
public record HttpPolicy(
        Duration callTimeout,
        int maxConcurrentRequests,
        int maxRetries,
        Duration backoffBase,
        Duration maxRetryWait,
        Duration defaultRateLimitWait) {

    public HttpPolicy {
        requirePositive(callTimeout, "callTimeout");
        requirePositive(backoffBase, "backoffBase");
        Objects.requireNonNull(maxRetryWait, "maxRetryWait");
        requirePositive(defaultRateLimitWait, "defaultRateLimitWait");
        if (maxConcurrentRequests < 1 || maxConcurrentRequests > 100) {
            throw new IllegalArgumentException("maxConcurrentRequests must be 1..100, got " + maxConcurrentRequests);
        }
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("maxRetries must be 0..10, got " + maxRetries);
        }
    }

    /** 20 s per request, 8 concurrent, 2 retries from 500 ms, waits up to 10 s, 60 s for a bare 429. */
    public static HttpPolicy defaults() {
        return new HttpPolicy(Duration.ofSeconds(20), 8, 2, Duration.ofMillis(500), Duration.ofSeconds(10),
                Duration.ofSeconds(60));
    }

    /**
     * The retries this policy describes: {@code maxRetries} more attempts for idempotent requests after 500, 502, 503,
     * 504 or a failed connection (not after a DNS refusal or a passed deadline), jittered doubling from
     * {@code backoffBase} up to {@code maxRetryWait}; a rate-limit wait is honoured up to {@code maxRetryWait}, with
     * one jittered {@code backoffBase} added. Other requests are never repeated.
     */
    public RetryPolicy retryPolicy() {
        return RetryPolicy.builder()
                .maxAttempts(maxRetries + 1)
                .backoff(Backoff.jittered(backoffBase,
                        backoffBase.compareTo(maxRetryWait) > 0 ? backoffBase : maxRetryWait))
                .retryStatuses(500, 502, 503, 504)
                .networkFailures(NetworkFailures.IDEMPOTENT_UNLESS_DNS_OR_DEADLINE)
                .longestRetryAfter(maxRetryWait)
                .spreadRetryAfter()
                .build();
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
