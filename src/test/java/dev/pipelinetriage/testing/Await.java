package dev.pipelinetriage.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for what another thread (a worker, a file watcher, a server) is doing: polls a condition until it holds or
 * a deadline passes. It returns as soon as the condition holds, so no test sleeps a fixed time, and the deadline
 * is generous because a loaded machine is slow, never because a test expects to wait that long.
 */
public final class Await {
    /** How long a condition may take before the test fails. */
    public static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final long FIRST_POLL_NANOS = Duration.ofMillis(1).toNanos();
    private static final long LONGEST_POLL_NANOS = Duration.ofMillis(50).toNanos();

    private Await() {
    }

    /** Returns once {@code condition} holds; fails naming {@code what} after {@link #DEADLINE}. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, DEADLINE, condition);
    }

    /** Returns once {@code condition} holds; fails naming {@code what} after {@code deadline}. */
    public static void until(String what, Duration deadline, BooleanSupplier condition) {
        value(what, deadline, () -> condition.getAsBoolean(), Boolean::booleanValue);
    }

    /**
     * Asks {@code value} until an answer satisfies {@code done} and returns that answer; fails naming {@code what}
     * and the last answer after {@link #DEADLINE}.
     */
    public static <T> T value(String what, Supplier<T> value, Predicate<? super T> done) {
        return value(what, DEADLINE, value, done);
    }

    private static <T> T value(String what, Duration deadline, Supplier<T> value, Predicate<? super T> done) {
        Objects.requireNonNull(what, "what");
        long end = System.nanoTime() + deadline.toNanos();
        long poll = FIRST_POLL_NANOS;
        while (true) {
            T answer = value.get();
            if (done.test(answer)) {
                return answer;
            }
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("waited " + deadline.toSeconds() + " s for " + what + "; the last answer was "
                        + answer);
            }
            try {
                Thread.sleep(Duration.ofNanos(poll));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
            // Quick answers are seen at once; slow ones are not asked a thousand times a second.
            poll = Math.min(poll * 2, LONGEST_POLL_NANOS);
        }
    }
}
