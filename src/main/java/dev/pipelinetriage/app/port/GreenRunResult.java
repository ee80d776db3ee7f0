package dev.pipelinetriage.app.port;

import dev.pipelinetriage.domain.Job;
import dev.pipelinetriage.domain.JobStatus;
import java.util.Objects;

/** The outcome of looking for the last green run of a failed job. */
public sealed interface GreenRunResult permits GreenRunResult.Found, GreenRunResult.None, CiProblem {

    /**
     * @param job the same job in the last green run; it succeeded, so its log is finished (and cacheable)
     * @param webUrl the green run's page on the configured web host (built by the bot, never copied from a response)
     */
    record Found(Job job, String webUrl) implements GreenRunResult {
        public Found {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(webUrl, "webUrl");
            if (job.status() != JobStatus.SUCCEEDED) {
                throw new IllegalArgumentException("a green run's job must have succeeded, got " + job.status());
            }
        }
    }

    /** No earlier run of the job succeeded (on the branch or the default branch); {@code reason} says what was missing. */
    record None(String reason) implements GreenRunResult {
        public None {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
