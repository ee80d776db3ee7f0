package dev.pipelinetriage.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * What a pasted CI link points at, after parsing: a run, one job of a run, or a job whose run the link does
 * not name (GitHub check-run and PR-check links). Only these validated ids are used to build API requests; the
 * pasted URL itself is never requested.
 *
 * @param runId the run, or null when the link names only a job
 * @param attempt the attempt the link names, or 0 for the latest
 * @param jobId the job, or null for a run link (which triages every failed job of the run)
 */
public record CiLink(String instance, CiKind kind, String project, String runId, int attempt, String jobId) {

    public CiLink {
        if (runId == null && jobId == null) {
            throw new IllegalArgumentException("a CI link names a run, a job or both");
        }
        // Validates instance, kind, project and attempt the same way a RunRef does.
        new RunRef(instance, kind, project, runId == null ? "0" : runId, attempt);
        if (jobId != null) {
            CiIds.requireId(jobId, "jobId");
        }
    }

    public static CiLink toRun(RunRef run) {
        return new CiLink(run.instance(), run.kind(), run.project(), run.runId(), run.attempt(), null);
    }

    public static CiLink toJob(RunRef run, String jobId) {
        return new CiLink(run.instance(), run.kind(), run.project(), run.runId(), run.attempt(),
                Objects.requireNonNull(jobId, "jobId"));
    }

    public static CiLink toJobOnly(String instance, CiKind kind, String project, String jobId) {
        return new CiLink(instance, kind, project, null, 0, Objects.requireNonNull(jobId, "jobId"));
    }

    public Optional<RunRef> run() {
        return runId == null ? Optional.empty() : Optional.of(new RunRef(instance, kind, project, runId, attempt));
    }

    public Optional<String> job() {
        return Optional.ofNullable(jobId);
    }
}
