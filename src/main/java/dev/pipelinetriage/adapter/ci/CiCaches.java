package dev.pipelinetriage.adapter.ci;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.pipelinetriage.domain.JobLog;
import dev.pipelinetriage.domain.JobRef;
import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.Run;
import dev.pipelinetriage.domain.RunRef;
import java.time.Duration;
import java.util.Optional;

/**
 * Caches for what does not change: finished jobs' logs, keyed by job and attempt, and finished runs' metadata,
 * keyed by run and concrete attempt. Bounded by weight (approximate bytes) rather than entry count, because one
 * log can be a thousand times bigger than another.
 */
public final class CiCaches {
    private final Cache<JobRef, JobLog> logs;
    private final Cache<RunRef, Run> runs;

    public CiCaches(long maxLogBytes, long maxRunBytes, Duration expireAfterAccess, Ticker ticker) {
        this.logs = Caffeine.newBuilder()
                .maximumWeight(maxLogBytes)
                .weigher((JobRef key, JobLog log) -> weigh(log))
                .expireAfterAccess(expireAfterAccess)
                .ticker(ticker)
                .build();
        this.runs = Caffeine.newBuilder()
                .maximumWeight(maxRunBytes)
                .weigher((RunRef key, Run run) -> 256 + 128 * run.jobs().size())
                .expireAfterAccess(expireAfterAccess)
                .ticker(ticker)
                .build();
    }

    /** 64 MiB of logs, 4 MiB of run metadata, kept an hour after last use. */
    public static CiCaches defaults() {
        return new CiCaches(64L * 1024 * 1024, 4L * 1024 * 1024, Duration.ofHours(1), Ticker.systemTicker());
    }

    public Optional<JobLog> log(JobRef job) {
        return Optional.ofNullable(logs.getIfPresent(job));
    }

    /** Caches only logs of finished jobs; a running job's log still grows. */
    public void putLog(JobLog log, boolean jobFinished) {
        if (jobFinished) {
            logs.put(log.job(), log);
        }
    }

    /** Only concrete attempts are keys: "latest" changes when someone reruns. */
    public Optional<Run> run(RunRef ref) {
        return ref.latestAttempt() ? Optional.empty() : Optional.ofNullable(runs.getIfPresent(ref));
    }

    public void putRun(Run run) {
        if (run.status().finished() && !run.ref().latestAttempt()) {
            runs.put(run.ref(), run);
        }
    }

    private static int weigh(JobLog log) {
        long bytes = 64;
        for (LogLine line : log.lines()) {
            bytes += 40 + 2L * line.text().length();
        }
        return (int) Math.min(bytes, Integer.MAX_VALUE);
    }
}
