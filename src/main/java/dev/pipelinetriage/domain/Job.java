package dev.pipelinetriage.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * A job's status as the CI reported it.
 *
 * @param failedStep the name of the first failed step when the provider reports steps, else null
 */
public record Job(JobRef ref, JobStatus status, String failedStep) {

    public Job {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(status, "status");
    }

    public Optional<String> step() {
        return Optional.ofNullable(failedStep);
    }

    public boolean failed() {
        return status == JobStatus.FAILED;
    }
}
