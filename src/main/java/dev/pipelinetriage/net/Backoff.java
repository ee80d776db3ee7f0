package dev.pipelinetriage.net;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff: retry {@code n} (from 0) waits up to {@code first * 2^n}. With jitter the wait is drawn
 * uniformly from the upper half of that, [ceiling / 2, ceiling), so many callers that failed together come back
 * apart; without, it is the ceiling. Either way it never exceeds {@code cap}.
 *
 * @param first the ceiling of the first retry
 * @param cap the longest single wait, applied after the jitter
 * @param jittered whether waits are drawn at random
 */
public record Backoff(Duration first, Duration cap, boolean jittered) {
    /** Far beyond any wait a request makes; keeps the doubling away from overflow. */
    private static final Duration LONGEST_CAP = Duration.ofDays(1);

    public Backoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(cap, "cap");
        if (first.toMillis() < 1) {
            throw new IllegalArgumentException("first backoff must be at least 1 ms, got " + first);
        }
        if (cap.compareTo(first) < 0 || cap.compareTo(LONGEST_CAP) > 0) {
            throw new IllegalArgumentException("backoff cap must be between the first wait " + first + " and "
                    + LONGEST_CAP + ", got " + cap);
        }
    }

    /** Doubling from {@code first}, each wait drawn from the upper half of its ceiling, at most {@code cap}. */
    public static Backoff jittered(Duration first, Duration cap) {
        return new Backoff(first, cap, true);
    }

    /** Doubling from {@code first} exactly, at most {@code cap}. */
    public static Backoff doubling(Duration first, Duration cap) {
        return new Backoff(first, cap, false);
    }

    /**
     * The wait before retry {@code retry} (0 for the first).
     *
     * @param random draws the jitter: {@link RandomGenerator#nextDouble()}, uniform in [0, 1)
     */
    public Duration delay(int retry, RandomGenerator random) {
        if (retry < 0) {
            throw new IllegalArgumentException("retry must be 0 or more, got " + retry);
        }
        long capMillis = cap.toMillis();
        long ceiling = first.toMillis();
        // Once half the ceiling reaches the cap every draw is cut to the cap, so doubling further changes nothing.
        for (int n = 0; n < retry && ceiling / 2 < capMillis; n++) {
            ceiling *= 2;
        }
        long millis = ceiling;
        if (jittered) {
            long half = ceiling / 2;
            millis = half + (long) (random.nextDouble() * (ceiling - half));
        }
        return Duration.ofMillis(Math.min(millis, capMillis));
    }
}
