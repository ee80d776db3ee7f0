package dev.pipelinetriage.app;

import dev.pipelinetriage.domain.CiLink;
import java.util.Objects;

/**
 * A CI told the bot, through a verified webhook, that a run (or one job of it) failed. Only ids are kept: the API
 * calls are built from the configured instance and these ids, never from a URL in the payload.
 *
 * @param source the configured instance the webhook belongs to
 * @param deliveryId the provider's id of this delivery (the same on a redelivery), or null when it sends none
 * @param link the failed run attempt, or the failed job
 * @param branch the run's branch, or null when the payload does not say
 * @param revision tells apart failures of one run the provider does not number as attempts (a GitLab pipeline
 *     whose retried job failed again: its newest failed job id), or null
 */
public record FailedRunEvent(String source, String deliveryId, CiLink link, String branch, String revision) {
    public FailedRunEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(link, "link");
    }

    /** The repository or project routing rules match: GitHub owner/repo, GitLab path, Jenkins job, Azure project. */
    public String repository() {
        return link.project();
    }

    /** The identity of what failed, the same however often and by whichever hook it is delivered. */
    public String failureKey() {
        return link.instance() + ":" + link.project() + ":" + (link.jobId() != null ? "job:" + link.jobId() + ":" : "")
                + (link.runId() != null ? "run:" + link.runId() + ":" + link.attempt() : "")
                + (revision != null ? ":" + revision : "");
    }
}
