package dev.pipelinetriage.domain;

/** Where a job or run stands, reduced to what triage needs from the four providers' many states. */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED, SKIPPED, UNKNOWN;

    /** A finished job's log no longer changes, which is what makes it cacheable. */
    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == SKIPPED;
    }
}
