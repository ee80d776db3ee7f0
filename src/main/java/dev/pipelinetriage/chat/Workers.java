package dev.pipelinetriage.chat;

import dev.pipelinetriage.app.AnalysisSlots;
import dev.pipelinetriage.app.port.TriageMetrics;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where chat work runs, off the request thread so every request is acknowledged at once. Each task gets a
 * virtual thread (waiting on the chat platform or the CI costs nothing), the number of tasks waiting is bounded,
 * and the CPU-heavy part, the analysis of a log ({@link #run}), runs at most {@code concurrency} at a time.
 */
public final class Workers implements AnalysisSlots, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);

    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("chat-", 0).factory());
    private final Semaphore slots;
    private final int maxTasks;
    private final AtomicInteger tasks = new AtomicInteger();
    private final TriageMetrics metrics;

    /**
     * @param concurrency triage runs at the same time
     * @param maxTasks tasks accepted and not finished; more are refused so a flood cannot exhaust memory
     */
    public Workers(int concurrency, int maxTasks) {
        this(concurrency, maxTasks, TriageMetrics.none());
    }

    /** @param metrics counts tasks that threw */
    public Workers(int concurrency, int maxTasks, TriageMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        if (concurrency < 1 || maxTasks < concurrency) {
            throw new IllegalArgumentException("need 1 <= concurrency <= maxTasks, got " + concurrency + " and " + maxTasks);
        }
        this.slots = new Semaphore(concurrency, true);
        this.maxTasks = maxTasks;
    }

    /** Starts {@code task}, or answers false when too many are waiting (the caller says the bot is busy). */
    public boolean submit(String name, Runnable task) {
        Objects.requireNonNull(task, "task");
        if (tasks.incrementAndGet() > maxTasks) {
            tasks.decrementAndGet();
            LOG.warn("busy: {} tasks waiting, refused {}", maxTasks, name);
            return false;
        }
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("chat task {} failed", name, e);
                    metrics.handlerError("worker");
                } finally {
                    tasks.decrementAndGet();
                }
            });
            return true;
        } catch (RuntimeException rejected) {
            tasks.decrementAndGet();
            LOG.warn("chat task {} refused: workers are shut down", name);
            return false;
        }
    }

    /** Runs {@code work} when one of the {@code concurrency} slots is free. */
    @Override
    public <T> T run(Supplier<T> work) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a triage slot", e);
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    /** Tasks accepted and not finished. */
    public int pending() {
        return tasks.get();
    }

    /** Stops accepting work and waits up to {@code seconds} for running tasks, then interrupts the rest. */
    public void shutdown(long seconds) {
        shutdown(Duration.ofSeconds(seconds), Duration.ofSeconds(5));
    }

    /**
     * Graceful stop: refuses new work, lets running tasks finish within {@code grace}, then interrupts those
     * still running and gives them {@code finishing} to post their last word (a task that sees the interrupt
     * replaces its placeholder with a notice rather than leaving it half-done).
     *
     * @return true when every task ended
     */
    public boolean shutdown(Duration grace, Duration finishing) {
        executor.shutdown();
        try {
            if (executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            LOG.warn("{} chat task(s) still running after the {} s grace period; interrupting them", tasks.get(),
                    grace.toSeconds());
            executor.shutdownNow();
            boolean ended = executor.awaitTermination(finishing.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                LOG.error("{} chat task(s) did not end after being interrupted", tasks.get());
            }
            return ended;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
            return false;
        }
    }

    @Override
    public void close() {
        shutdown(10);
    }
}
