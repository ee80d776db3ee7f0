package dev.pipelinetriage.domain;

import java.util.List;
import java.util.Objects;

/**
 * A run's status and its jobs, for one concrete attempt.
 *
 * @param ref the run, with {@code attempt} set to the concrete attempt (never 0 once resolved, except on
 *     providers that do not number attempts)
 * @param webUrl the run's page on the configured web host (built by the bot, never copied from a response)
 */
public record Run(RunRef ref, JobStatus status, List<Job> jobs, String webUrl) {

    public Run {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(webUrl, "webUrl");
        jobs = List.copyOf(jobs);
    }

    public List<Job> failedJobs() {
        return jobs.stream().filter(Job::failed).toList();
    }
}
