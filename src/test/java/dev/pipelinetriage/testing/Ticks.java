package dev.pipelinetriage.testing;

import dev.pipelinetriage.net.Sleeper;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * A wait (a sweeper's, a scheduler's) that lasts until the test says the next round may run: never, for a replica
 * the test treats as crashed.
 */
public final class Ticks implements Sleeper {
    private final Semaphore permits = new Semaphore(0);

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        permits.acquire();
    }

    /** Lets one waiting round go on. */
    public void tick() {
        permits.release();
    }

    /** Whether a round is waiting for the next tick (so the one before it has passed). */
    public boolean waiting() {
        return permits.hasQueuedThreads();
    }
}
