package dev.pipelinetriage.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A run's status and its jobs, for one concrete attempt.
 *
 * @param ref the run, with {@code attempt} set to the concrete attempt (never 0 once resolved, except on
 *     providers that do not number attempts)
 * @param webUrl the run's page on the configured web host (built by the bot, never copied from a response)
 * @param origin the workflow or definition and branch the run ran, or null when the provider does not need one to
 *     find the job's last green run (Jenkins) or did not say
 */
public record Run(RunRef ref, JobStatus status, List<Job> jobs, String webUrl, RunOrigin origin) {

    public Run {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(webUrl, "webUrl");
        jobs = List.copyOf(jobs);
    }

    /** A run whose origin is not known. */
    public Run(RunRef ref, JobStatus status, List<Job> jobs, String webUrl) {
        this(ref, status, jobs, webUrl, null);
    }

    public Optional<RunOrigin> knownOrigin() {
        return Optional.ofNullable(origin);
    }

    public List<Job> failedJobs() {
        return jobs.stream().filter(Job::failed).toList();
    }
}
