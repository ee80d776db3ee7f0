package dev.pipelinetriage.domain;

import java.util.Objects;

/**
 * One job of a run. Jenkins builds are their own single job. Job ids are unique per attempt on GitHub, GitLab
 * and Jenkins; Azure keeps the job record id across attempts, so {@code attempt} is part of the identity.
 *
 * @param id the job id (GitHub job id, GitLab job id, Jenkins build number, Azure timeline record id)
 * @param name the job's display name
 * @param attempt the attempt the job belongs to, or 0 when the provider does not number attempts
 */
public record JobRef(RunRef run, String id, String name, int attempt) {

    public JobRef {
        Objects.requireNonNull(run, "run");
        CiIds.requireId(id, "id");
        CiIds.requireText(name, "name");
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be 0 (unknown) or positive, got " + attempt);
        }
    }

    /**
     * {@code instance:project:jobId:attempt}: the one spelling of a job attempt in keys (occurrences, webhook
     * dedup), with {@code runAttempt} when the job carries no attempt of its own. Stored keys depend on it.
     */
    public String key(int runAttempt) {
        return run.instance() + ":" + run.project() + ":" + id + ":" + (attempt > 0 ? attempt : runAttempt);
    }
}
