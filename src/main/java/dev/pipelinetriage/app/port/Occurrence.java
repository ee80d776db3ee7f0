package dev.pipelinetriage.app.port;

import dev.pipelinetriage.domain.Signature;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One triaged failure of one job attempt. {@code jobKey} is the job attempt's identity, so triaging the same job
 * again (another paste, another replica) records nothing new.
 *
 * @param jobKey {@code instance:project:job id:attempt}
 * @param repository the CI project ({@code owner/repo}, GitLab path, Jenkins job)
 * @param link the run's or job's web page, or null
 * @param knownError the matched known error's id, or null
 * @param runbook the matched known error's runbook link, or null
 * @param excerpt redacted excerpt lines, the representative evidence a ticket shows
 */
public record Occurrence(Signature signature, String jobKey, String repository, String job, Instant at, String link,
        String knownError, String runbook, List<String> excerpt) {

    public Occurrence {
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(jobKey, "jobKey");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(at, "at");
        excerpt = List.copyOf(excerpt);
    }
}
