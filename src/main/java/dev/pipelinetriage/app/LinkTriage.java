package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.CiProblem;
import dev.pipelinetriage.app.port.FetchResult;
import dev.pipelinetriage.app.port.TriageHistory;
import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.app.port.TriageRecord;
import dev.pipelinetriage.app.port.TriageMetrics.Stage;
import dev.pipelinetriage.domain.Job;
import dev.pipelinetriage.domain.Run;
import dev.pipelinetriage.domain.TriageReport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * From a pasted link to one triage report per failed job: what every chat front end shows. One job's
 * unreadable log does not hide the others' reports. The triage service is asked for on every link, so a
 * reloaded knowledge base serves the next link while a link in progress finishes with the one it started with.
 */
public final class LinkTriage {
    private final FailedJobLogs logs;
    private final Supplier<TriageService> triage;
    private final int maxLines;
    private final TriageMetrics metrics;
    private final TriageHistory history;
    private final Clock clock;

    public LinkTriage(FailedJobLogs logs, TriageService triage, int maxLines) {
        this(logs, constant(triage), maxLines, TriageMetrics.none(), TriageHistory.none(), Clock.systemUTC());
    }

    /**
     * @param triage the triage service that serves now (a knowledge-base reload may replace it)
     * @param history where every triaged job is recorded for the health report
     */
    public LinkTriage(FailedJobLogs logs, Supplier<TriageService> triage, int maxLines, TriageMetrics metrics,
            TriageHistory history, Clock clock) {
        this.logs = Objects.requireNonNull(logs, "logs");
        this.triage = Objects.requireNonNull(triage, "triage");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.history = Objects.requireNonNull(history, "history");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxLines < 1) {
            throw new IllegalArgumentException("maxLines must be positive, got " + maxLines);
        }
        this.maxLines = maxLines;
    }

    private static Supplier<TriageService> constant(TriageService service) {
        Objects.requireNonNull(service, "triage");
        return () -> service;
    }

    public sealed interface Result permits Triaged, Refused, Unavailable {
    }

    /** @param jobs one entry per failed job (or the linked job), in the run's order; empty when nothing failed */
    public record Triaged(Run run, List<JobOutcome> jobs) implements Result {
        public Triaged {
            Objects.requireNonNull(run, "run");
            jobs = List.copyOf(jobs);
        }
    }

    /** The link was not used (unknown host, unrecognised shape, unsafe); {@code reason} is for people. */
    public record Refused(String reason) implements Result {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The CI could not say which jobs failed. */
    public record Unavailable(CiProblem problem) implements Result {
        public Unavailable {
            Objects.requireNonNull(problem, "problem");
        }
    }

    public sealed interface JobOutcome permits Reported, NotFetched {
        Job job();
    }

    public record Reported(Job job, TriageReport report) implements JobOutcome {
        public Reported {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(report, "report");
        }
    }

    public record NotFetched(Job job, CiProblem problem) implements JobOutcome {
        public NotFetched {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(problem, "problem");
        }
    }

    public Result triage(String link) {
        TriageService service = triage.get();
        return switch (metrics.time(Stage.FETCH, () -> logs.collect(link))) {
            case FailedJobLogs.LinkRefused refused -> new Refused(refused.reason());
            case FailedJobLogs.Failed failed -> {
                metrics.providerError(failed.provider(), kind(failed.problem()));
                yield new Unavailable(failed.problem());
            }
            case FailedJobLogs.Collected collected -> {
                List<JobOutcome> jobs = new ArrayList<>();
                for (FailedJobLogs.JobLogResult job : collected.jobs()) {
                    jobs.add(switch (job.log()) {
                        case FetchResult.Fetched fetched -> {
                            TriageReport report = metrics.time(Stage.ANALYZE, () -> service.analyze(fetched.log(), maxLines));
                            metrics.triaged(report.verdict(), report.match() != null);
                            record(collected.run(), job.job(), report);
                            yield new Reported(job.job(), report);
                        }
                        case CiProblem problem -> {
                            metrics.providerError(collected.provider().instance(), kind(problem));
                            yield new NotFetched(job.job(), problem);
                        }
                    });
                }
                yield new Triaged(collected.run(), jobs);
            }
        };
    }

    private void record(Run run, Job job, TriageReport report) {
        history.record(new TriageRecord(clock.instant(), run.ref().instance(), run.ref().project(), run.ref().runId(),
                run.ref().attempt(), job.ref().id(), job.ref().name(), report.verdict(),
                report.match() == null ? null : report.match().knownError().id(), Signatures.of(report),
                Signatures.keyLine(report), run.webUrl()));
    }

    /** {@code RateLimited} -> {@code rate_limited}: a fixed, small set of label values. */
    static String kind(CiProblem problem) {
        return problem.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
