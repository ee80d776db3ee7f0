package dev.pipelinetriage.app.port;

import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.CiLink;
import dev.pipelinetriage.domain.Job;
import dev.pipelinetriage.domain.JobRef;
import dev.pipelinetriage.domain.Run;
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

    /**
     * Whether {@code pasted}, which is not this instance's, is shaped like one of its run, build or job links on
     * another scheme, host or port (another server, the instance's host on another port, a look-alike): a CI link to
     * a host the bot does not serve, worth telling whoever pasted it. Nothing is requested.
     */
    default boolean hasLinkShape(String pasted) {
        return false;
    }

    /** The run's status and jobs; for a job link, the run with only that job in {@code targets}. */
    ResolveResult resolve(CiLink link);

    /**
     * Streams the job's log, keeping at most {@code maxBytes} (its head and mostly its tail). Finished jobs'
     * logs are cached.
     */
    FetchResult fetchLog(Job job, long maxBytes);

    /**
     * The same job in the last run that succeeded before {@code failing}: the same workflow or pipeline definition
     * and job name, on the failing run's branch, else on the repository's default branch. Only a run older than the
     * failing one counts, and only when the job itself succeeded in it. Its log is then read with
     * {@link #fetchLog}, under the same cap and cache as any log.
     *
     * @param failing the run as {@link #resolve} answered it (its {@link Run#knownOrigin()} names what it ran)
     * @param job one of its jobs
     */
    GreenRunResult lastGreen(Run failing, Job job);

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
