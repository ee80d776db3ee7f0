package dev.pipelinetriage.boot;

import dev.pipelinetriage.chat.AcknowledgedWork;
import dev.pipelinetriage.net.Sleeper;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sweeps the pending work at start (what a stopped or crashed instance left) and then every {@code every}, on a
 * virtual thread: renews this instance's leases and takes over free ones. The waits go through the injected
 * {@link Sleeper}, so tests decide when a sweep happens.
 */
final class WorkSweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkSweeper.class);

    private final Thread thread;
    private volatile boolean stopped;

    private WorkSweeper(AcknowledgedWork work, Duration every, Sleeper sleeper) {
        this.thread = Thread.ofVirtual().name("work-sweep").unstarted(() -> loop(work, every, sleeper));
    }

    static WorkSweeper start(AcknowledgedWork work, Duration every, Sleeper sleeper) {
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(sleeper, "sleeper");
        WorkSweeper sweeper = new WorkSweeper(work, every, sleeper);
        sweeper.thread.start();
        return sweeper;
    }

    private void loop(AcknowledgedWork work, Duration every, Sleeper sleeper) {
        while (!stopped) {
            try {
                work.sweep();
            } catch (RuntimeException e) {
                // The store may be down for a moment: leases last several sweeps, so the next one catches up.
                LOG.error("sweeping pending work failed; trying again in {}", every, e);
            }
            if (stopped || !sleeper.sleepUninterrupted(every)) {
                return;
            }
        }
    }

    /** Stops sweeping (no more take-overs by this instance); waits briefly for a sweep in progress. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
