package dev.pipelinetriage.app.port;

import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.CiLink;
import dev.pipelinetriage.domain.Job;
import dev.pipelinetriage.domain.JobRef;
import dev.pipelinetriage.domain.RunRef;

/**
 * One configured CI instance (github.com, a GitHub Enterprise Server, a GitLab, a Jenkins, an Azure DevOps
 * organization or collection). Every expected outcome is a value: callers switch over the sealed results.
 * Implementations never request a pasted URL; they extract ids and call only their configured hosts.
 */
public interface CiProvider {

    /** The configured instance name, as in {@link RunRef#instance()}. */
    String instance();

    CiKind kind();

    /**
     * Parses a pasted link. {@link LinkResult.NotThisInstance} when the link's host is not this instance's web
     * host, so callers can try the next provider; {@link LinkResult.Refused} with a reason when it is, but the
     * link is not one this provider understands or is unsafe.
     */
    LinkResult parseLink(String pasted);

    /** The run's status and jobs; for a job link, the run with only that job in {@code targets}. */
    ResolveResult resolve(CiLink link);

    /**
     * Streams the job's log, keeping at most {@code maxBytes} (its head and mostly its tail). Finished jobs'
     * logs are cached.
     */
    FetchResult fetchLog(Job job, long maxBytes);

    /**
     * Starts a new attempt. Never sends debug-logging flags. A request that times out is not repeated: the
     * provider checks whether a new attempt exists and reports that instead.
     */
    RerunResult rerun(RerunRequest request);

    /** What to rerun. */
    sealed interface RerunRequest {
        /** Every failed job of the run (GitHub rerun-failed-jobs, GitLab pipeline retry, Azure retry). */
        record FailedJobsOf(RunRef run) implements RerunRequest {
            public FailedJobsOf {
                java.util.Objects.requireNonNull(run, "run");
            }
        }

        /** One job (GitHub job rerun, GitLab job retry, Jenkins rebuild with the same parameters). */
        record SingleJob(JobRef job) implements RerunRequest {
            public SingleJob {
                java.util.Objects.requireNonNull(job, "job");
            }
        }
    }
}
