package dev.pipelinetriage.net;

import static dev.pipelinetriage.net.FixedDraws.drawing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final RetryPolicy POLICY = RetryPolicy.builder()
            .maxAttempts(3)
            .backoff(Backoff.jittered(Duration.ofSeconds(2), Duration.ofSeconds(30)))
            .retryStatuses(429, 500, 503)
            .resendStatuses(429, 503)
            .longestRetryAfter(Duration.ofMinutes(2))
            .build();

    private static List<Attempts.Next> failEveryTime(Attempts attempts, Optional<Duration> asked) {
        List<Attempts.Next> seen = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Attempts.Next next = attempts.next(asked);
            seen.add(next);
            if (!(next instanceof Attempts.Next.Retry)) {
                break;
            }
        }
        return seen;
    }

    @Test
    void failuresBackOffUntilTheAttemptsAreUsedUp() {
        assertThat(failEveryTime(POLICY.attempts(drawing(0.5)), Optional.empty())).containsExactly(
                new Attempts.Next.Retry(Duration.ofMillis(1500)),
                new Attempts.Next.Retry(Duration.ofMillis(3000)),
                new Attempts.Next.NoneLeft(3));
    }

    @Test
    void anAskedWaitIsHonouredInFullInsteadOfTheBackoff() {
        assertThat(POLICY.attempts(drawing(0.5)).next(Optional.of(Duration.ofSeconds(45))))
                .isEqualTo(new Attempts.Next.Retry(Duration.ofSeconds(45)));
    }

    @Test
    void anAskedWaitBeyondTheLongestEndsTheAttemptsAndIsPassedOn() {
        Attempts attempts = POLICY.attempts(drawing(0.5));

        assertThat(attempts.next(Optional.of(Duration.ofMinutes(2)))).isInstanceOf(Attempts.Next.Retry.class);
        assertThat(attempts.next(Optional.of(Duration.ofMinutes(2).plusSeconds(1))))
                .isEqualTo(new Attempts.Next.AskedTooLong(Duration.ofSeconds(121)));
    }

    @Test
    void aSpreadPolicyAddsAFirstBackoffToTheAskedWait() {
        RetryPolicy spread = RetryPolicy.builder().maxAttempts(2)
                .backoff(Backoff.jittered(Duration.ofMillis(500), Duration.ofSeconds(10)))
                .longestRetryAfter(Duration.ofSeconds(10)).spreadRetryAfter().build();

        assertThat(spread.attempts(new SplittableRandom(3)).next(Optional.of(Duration.ofSeconds(3))))
                .isInstanceOfSatisfying(Attempts.Next.Retry.class, retry -> assertThat(retry.delay())
                        .isBetween(Duration.ofMillis(3250), Duration.ofMillis(3500)));
    }

    @Test
    void aRepeatAtOnceCountsAsAnAttempt() {
        Attempts attempts = POLICY.attempts(drawing(0.5));

        assertThat(attempts.repeatAtOnce()).isTrue();
        assertThat(attempts.repeatAtOnce()).isTrue();
        assertThat(attempts.repeatAtOnce()).isFalse();
        assertThat(attempts.made()).isEqualTo(3);
        assertThat(attempts.next(Optional.empty())).isEqualTo(new Attempts.Next.NoneLeft(3));
    }

    @Test
    void aSingleAttemptPolicyNeverRetries() {
        RetryPolicy once = RetryPolicy.builder().maxAttempts(1)
                .backoff(Backoff.doubling(Duration.ofSeconds(1), Duration.ofSeconds(1))).build();

        assertThat(once.attempts().next(Optional.empty())).isEqualTo(new Attempts.Next.NoneLeft(1));
    }

    @Test
    void idempotentRequestsAreRetriedAfterEveryRetryStatusOthersOnlyAfterARefusal() {
        assertThat(POLICY.retryable(500, true)).isTrue();
        assertThat(POLICY.retryable(500, false)).isFalse();
        assertThat(POLICY.retryable(503, false)).isTrue();
        assertThat(POLICY.retryable(404, true)).isFalse();
    }

    @Test
    void networkFailuresAreJudgedByTheChosenRule() {
        IOException reset = new IOException("connection reset");
        IOException refused = new ConnectException("Connection refused");
        IOException dns = new UnknownHostException("ci.example");
        IOException timeout = new SocketTimeoutException("timeout");

        assertThat(NetworkFailures.IDEMPOTENT_ONLY.retryable(reset, true)).isTrue();
        assertThat(NetworkFailures.IDEMPOTENT_ONLY.retryable(refused, false)).isFalse();

        assertThat(NetworkFailures.IDEMPOTENT_OR_NEVER_SENT.retryable(reset, false)).isFalse();
        assertThat(NetworkFailures.IDEMPOTENT_OR_NEVER_SENT.retryable(refused, false)).isTrue();
        assertThat(NetworkFailures.IDEMPOTENT_OR_NEVER_SENT.retryable(dns, false)).isTrue();
        assertThat(NetworkFailures.IDEMPOTENT_OR_NEVER_SENT.retryable(timeout, true)).isTrue();

        assertThat(NetworkFailures.IDEMPOTENT_UNLESS_DNS_OR_DEADLINE.retryable(reset, true)).isTrue();
        assertThat(NetworkFailures.IDEMPOTENT_UNLESS_DNS_OR_DEADLINE.retryable(dns, true)).isFalse();
        assertThat(NetworkFailures.IDEMPOTENT_UNLESS_DNS_OR_DEADLINE.retryable(timeout, true)).isFalse();
        assertThat(NetworkFailures.IDEMPOTENT_UNLESS_DNS_OR_DEADLINE.retryable(new InterruptedIOException(), true))
                .isFalse();
        assertThat(NetworkFailures.IDEMPOTENT_UNLESS_DNS_OR_DEADLINE.retryable(reset, false)).isFalse();
    }

    @Test
    void aPolicyNamesItsBadValue() {
        Backoff backoff = Backoff.doubling(Duration.ofSeconds(1), Duration.ofSeconds(4));

        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).backoff(backoff).build())
                .hasMessage("maxAttempts must be 1..11, got 0");
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(2).backoff(backoff).retryStatuses(500)
                .resendStatuses(503, 429).build())
                .hasMessage("resendStatuses [429, 503] must all be retryStatuses [500]");
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(2).backoff(backoff)
                .longestRetryAfter(Duration.ofSeconds(-1)).build()).hasMessageContaining("got PT-1S");
        assertThatThrownBy(() -> RetryPolicy.builder().backoff(backoff).build()).hasMessage("maxAttempts was not set");
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(2).build()).hasMessage("backoff was not set");
        assertThatThrownBy(() -> POLICY.attempts()).hasMessageContaining("needs a random generator");
    }
}
