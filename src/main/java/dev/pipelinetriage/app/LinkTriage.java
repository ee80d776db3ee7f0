package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.CiProblem;
import dev.pipelinetriage.app.port.FetchResult;
import dev.pipelinetriage.domain.Job;
import dev.pipelinetriage.domain.Run;
import dev.pipelinetriage.domain.TriageReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * From a pasted link to one triage report per failed job: what every chat front end shows. One job's
 * unreadable log does not hide the others' reports.
 */
public final class LinkTriage {
    private final FailedJobLogs logs;
    private final TriageService triage;
    private final int maxLines;

    public LinkTriage(FailedJobLogs logs, TriageService triage, int maxLines) {
        this.logs = Objects.requireNonNull(logs, "logs");
        this.triage = Objects.requireNonNull(triage, "triage");
        if (maxLines < 1) {
            throw new IllegalArgumentException("maxLines must be positive, got " + maxLines);
        }
        this.maxLines = maxLines;
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
        return switch (logs.collect(link)) {
            case FailedJobLogs.LinkRefused refused -> new Refused(refused.reason());
            case FailedJobLogs.Failed failed -> new Unavailable(failed.problem());
            case FailedJobLogs.Collected collected -> {
                List<JobOutcome> jobs = new ArrayList<>();
                for (FailedJobLogs.JobLogResult job : collected.jobs()) {
                    jobs.add(switch (job.log()) {
                        case FetchResult.Fetched fetched -> new Reported(job.job(), triage.analyze(fetched.log(), maxLines));
                        case CiProblem problem -> new NotFetched(job.job(), problem);
                    });
                }
                yield new Triaged(collected.run(), jobs);
            }
        };
    }
}
