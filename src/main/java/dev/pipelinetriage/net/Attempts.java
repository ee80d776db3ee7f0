package dev.pipelinetriage.net;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One request's attempts under a {@link RetryPolicy}: after each failure worth repeating it says whether to try
 * again and after how long. It decides; the caller waits (with its {@link Sleeper}) so it can close what the
 * failed attempt left open first. One per request, on one thread.
 */
public final class Attempts {
    private final RetryPolicy policy;
    private final RandomGenerator random;
    private int made = 1;

    Attempts(RetryPolicy policy, RandomGenerator random) {
        this.policy = policy;
        this.random = random;
    }

    /** What follows a failed attempt. */
    public sealed interface Next {
        /** Wait this long, then make the next attempt (already counted). */
        record Retry(Duration delay) implements Next {
        }

        /** The server asked for a longer wait than the policy honours: stop and pass the wait on. */
        record AskedTooLong(Duration asked) implements Next {
        }

        /** Every attempt the policy allows was made. */
        record NoneLeft(int attempts) implements Next {
        }
    }

    /**
     * After a failed attempt the caller found worth repeating.
     *
     * @param asked the wait the server asked for ({@link RetryAfter}), empty to back off by the policy
     */
    public Next next(Optional<Duration> asked) {
        if (asked.isPresent() && asked.get().compareTo(policy.longestRetryAfter()) > 0) {
            return new Next.AskedTooLong(asked.get());
        }
        if (made >= policy.maxAttempts()) {
            return new Next.NoneLeft(made);
        }
        Duration wait = asked.map(a -> policy.spreadRetryAfter() ? a.plus(policy.backoff().delay(0, random)) : a)
                .orElseGet(() -> policy.backoff().delay(made - 1, random));
        made++;
        return new Next.Retry(wait);
    }

    /**
     * Counts an attempt made at once, without waiting (a refreshed credential, for instance).
     *
     * @return false when none is left
     */
    public boolean repeatAtOnce() {
        if (made >= policy.maxAttempts()) {
            return false;
        }
        made++;
        return true;
    }

    /** Attempts made or under way, the first included. */
    public int made() {
        return made;
    }
}
