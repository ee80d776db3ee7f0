package dev.pipelinetriage.domain;

import java.util.Objects;

/**
 * One CI run on a configured instance: a GitHub workflow run, a GitLab pipeline, a Jenkins build or an Azure
 * Pipelines build.
 *
 * @param instance the configured instance name the run belongs to
 * @param project GitHub {@code owner/repo}, GitLab {@code group/sub/project}, Jenkins job path
 *     {@code folder/job/branch} (job names as Jenkins stores them), Azure project name
 * @param runId the run, pipeline or build id (Jenkins: build number)
 * @param attempt the attempt number, or {@code 0} for "the latest attempt"
 */
public record RunRef(String instance, CiKind kind, String project, String runId, int attempt) {

    public RunRef {
        CiIds.requireId(instance, "instance");
        Objects.requireNonNull(kind, "kind");
        CiIds.requireText(project, "project");
        if (project.startsWith("/") || project.endsWith("/") || project.contains("//")) {
            throw new IllegalArgumentException("project must be slash-separated names, got '"
                    + CiIds.abbreviate(project) + "'");
        }
        for (String part : project.split("/")) {
            if (part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("project must not contain '.' or '..' segments");
            }
        }
        CiIds.requireId(runId, "runId");
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be 0 (latest) or positive, got " + attempt);
        }
    }

    /**
     * {@code instance:project:runId:attempt}: the one spelling of a run attempt in keys (rerun claims, notifier
     * dedup). Stored keys depend on it: changing it forgets every claim made before.
     */
    public String key() {
        return instance + ":" + project + ":" + runId + ":" + attempt;
    }

    public boolean latestAttempt() {
        return attempt == 0;
    }

    public RunRef withRunId(long newRunId) {
        return new RunRef(instance, kind, project, Long.toString(newRunId), attempt);
    }

    public RunRef withAttempt(int newAttempt) {
        return new RunRef(instance, kind, project, runId, newAttempt);
    }
}
