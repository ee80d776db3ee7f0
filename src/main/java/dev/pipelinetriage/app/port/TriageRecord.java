package dev.pipelinetriage.app.port;

import dev.pipelinetriage.domain.Verdict;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One failed job the bot triaged, as the health report counts it. Recorded once per job attempt.
 *
 * @param project GitHub {@code owner/repo} and the like
 * @param knownError the matched known error's id, or null when the knowledge base had no answer
 * @param signature what groups recurrences: {@code kb:<id>} for a known error, else {@code fp:<hash>} of the
 *     normalized key line
 * @param keyLine the normalized, redacted key error line (what an unexplained group looks like), may be empty
 * @param link the run's page
 */
public record TriageRecord(Instant at, String instance, String project, String runId, int attempt, String jobId,
        String jobName, Verdict verdict, String knownError, String signature, String keyLine, String link) {

    public TriageRecord {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(link, "link");
        keyLine = keyLine == null ? "" : keyLine;
    }

    /** Identifies the job attempt: re-triaging the same job does not count twice. */
    public String key() {
        return instance + "|" + project + "|" + runId + "|" + attempt + "|" + jobId;
    }

    public Optional<String> knownErrorId() {
        return Optional.ofNullable(knownError);
    }
}
