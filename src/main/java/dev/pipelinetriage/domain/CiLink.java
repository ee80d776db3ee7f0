package dev.pipelinetriage.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * What a pasted CI link points at, after parsing: a run, or one job of it. Only these validated ids are used
 * to build API requests; the pasted URL itself is never requested.
 *
 * @param jobId the job the link points at, or null for a run link (which triages every failed job)
 */
public record CiLink(RunRef run, String jobId) {

    public CiLink {
        Objects.requireNonNull(run, "run");
        if (jobId != null) {
            CiIds.requireId(jobId, "jobId");
        }
    }

    public static CiLink toRun(RunRef run) {
        return new CiLink(run, null);
    }

    public Optional<String> job() {
        return Optional.ofNullable(jobId);
    }
}
