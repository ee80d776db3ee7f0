package dev.pipelinetriage.boot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Whether the state store answers, asked in the background every few seconds. Readiness and the
 * {@code store_reachable} gauge read the last answer, so a probe never waits out a database timeout (a pool waits
 * 10 s for a connection, longer than a probe's timeout), and a database outage is reported without taking the
 * replica out of its Service.
 */
final class StoreHealth implements AutoCloseable {

    /**
     * @param checkedAt when the store was last asked
     * @param since when it last changed between answering and not
     */
    record State(boolean up, Instant checkedAt, Instant since) {
        State {
            Objects.requireNonNull(checkedAt, "checkedAt");
            Objects.requireNonNull(since, "since");
        }

        String detail() {
            return up ? "answers queries (checked at " + checkedAt + ")"
                    : "does not answer (checked at " + checkedAt + ", down since " + since + "); chat events, reruns, "
                            + "feedback and tickets fail until it is back; see runbooks/operations/store-unavailable.md";
        }
    }

    private final BooleanSupplier reachable;
    private final Clock clock;
    private final AtomicReference<State> state = new AtomicReference<>();
    private final ScheduledExecutorService timer;

    private StoreHealth(BooleanSupplier reachable, Clock clock, ScheduledExecutorService timer) {
        this.reachable = reachable;
        this.clock = clock;
        this.timer = timer;
    }

    /** Asks once now, then every {@code every} on a daemon thread until closed. */
    static StoreHealth watch(BooleanSupplier reachable, Duration every, Clock clock) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("store-health").daemon().factory());
        StoreHealth health = new StoreHealth(reachable, clock, timer);
        health.check();
        timer.scheduleWithFixedDelay(health::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return health;
    }

    /** Asks the store now and records its answer; a check that throws counts as not answering. */
    State check() {
        boolean up;
        try {
            up = reachable.getAsBoolean();
        } catch (RuntimeException e) {
            up = false;
        }
        Instant now = clock.instant();
        boolean answer = up;
        return state.updateAndGet(previous -> new State(answer, now,
                previous == null || previous.up() != answer ? now : previous.since()));
    }

    /** The last answer. */
    State state() {
        return state.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
