package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.CiProblem;
import dev.pipelinetriage.app.port.CiProvider;
import dev.pipelinetriage.app.port.FetchResult;
import dev.pipelinetriage.app.port.GreenRunResult;
import dev.pipelinetriage.domain.Job;
import dev.pipelinetriage.domain.Run;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the log of a failed job's last green run beside the job's own log, through the same provider (so under the
 * same size cap, and cached as any finished job's log). It is a help, never a condition: a lookup that fails, finds
 * nothing or is not done within the budget leaves the job to be triaged without it, and says why in one log line.
 */
public final class LastGreenLogs {
    /** How long a triage waits at most for the last green run's log, counted from the start of the lookup. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(LastGreenLogs.class);
    private static final Lookup NOTHING = Optional::empty;

    private final long maxLogBytes;
    private final Duration budget;
    private final Executor executor;
    private final boolean enabled;

    private LastGreenLogs(long maxLogBytes, Duration budget, Executor executor, boolean enabled) {
        this.maxLogBytes = maxLogBytes;
        this.budget = Objects.requireNonNull(budget, "budget");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.enabled = enabled;
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the last green run's budget must be positive, got " + budget);
        }
    }

    /** Looks up each job's last green run on a virtual thread of its own, waiting at most {@code budget}. */
    public static LastGreenLogs within(long maxLogBytes, Duration budget) {
        return new LastGreenLogs(maxLogBytes, budget, task -> Thread.ofVirtual().name("last-green-run").start(task), true);
    }

    /** Never looks: every job is triaged on its own log alone. */
    public static LastGreenLogs off() {
        return new LastGreenLogs(0, DEFAULT_BUDGET, Runnable::run, false);
    }

    /** A lookup under way. */
    @FunctionalInterface
    public interface Lookup {
        /** The green log, or empty when there is none to compare with (yet: the budget is spent). */
        Optional<GreenLog> await();
    }

    /** Starts looking for {@code job}'s last green run and its log; the caller awaits the answer when it needs it. */
    public Lookup start(CiProvider provider, Run failing, Job job) {
        if (!enabled) {
            return NOTHING;
        }
        long deadline = System.nanoTime() + budget.toNanos();
        CompletableFuture<Optional<GreenLog>> lookup = CompletableFuture.supplyAsync(
                () -> find(provider, failing, job), executor);
        return () -> {
            try {
                return lookup.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                LOG.info("job {} of {}: the last green run was not found within {} ms; triaged without it",
                        job.ref().id(), failing.ref().project(), budget.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                LOG.warn("job {} of {}: looking for the last green run failed ({}); triaged without it",
                        job.ref().id(), failing.ref().project(), e.getCause().getClass().getSimpleName());
            }
            return Optional.empty();
        };
    }

    private Optional<GreenLog> find(CiProvider provider, Run failing, Job job) {
        return switch (provider.lastGreen(failing, job)) {
            case GreenRunResult.Found found -> switch (provider.fetchLog(found.job(), maxLogBytes)) {
                case FetchResult.Fetched fetched -> Optional.of(new GreenLog(fetched.log(), found.webUrl()));
                case CiProblem problem -> without(failing, job, problem);
            };
            case GreenRunResult.None none -> {
                LOG.debug("job {} of {}: no last green run ({})", job.ref().id(), failing.ref().project(), none.reason());
                yield Optional.empty();
            }
            case CiProblem problem -> without(failing, job, problem);
        };
    }

    /** Problems' messages never carry a token or a signed URL, so they can be logged as they are. */
    private static Optional<GreenLog> without(Run failing, Job job, CiProblem problem) {
        LOG.info("job {} of {}: the last green run could not be read ({}: {}); triaged without it", job.ref().id(),
                failing.ref().project(), LinkTriage.kind(problem), problem.message());
        return Optional.empty();
    }
}
