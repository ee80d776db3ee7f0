package dev.pipelinetriage.adapter.ci.github;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * Wire shapes of the GitHub REST API (docs.github.com/rest/actions/workflow-runs, .../workflow-jobs, and
 * /rest/repos/repos "Get a repository").
 */
final class GitHubJson {
    private GitHubJson() {
    }

    record RunJson(long id, String status, String conclusion, @JsonProperty("run_attempt") int runAttempt,
            @JsonProperty("workflow_id") Long workflowId, @JsonProperty("head_branch") String headBranch,
            @JsonProperty("created_at") Instant createdAt) {
    }

    /** "List workflow runs for a workflow": newest first. */
    record RunsJson(@JsonProperty("total_count") int totalCount, @JsonProperty("workflow_runs") List<RunJson> workflowRuns) {
        RunsJson {
            workflowRuns = workflowRuns == null ? List.of() : List.copyOf(workflowRuns);
        }
    }

    record RepoJson(@JsonProperty("default_branch") String defaultBranch) {
    }

    record JobsJson(@JsonProperty("total_count") int totalCount, List<JobJson> jobs) {
        JobsJson {
            jobs = jobs == null ? List.of() : List.copyOf(jobs);
        }
    }

    record JobJson(long id, @JsonProperty("run_id") long runId, @JsonProperty("run_attempt") Integer runAttempt,
            String name, String status, String conclusion, List<StepJson> steps) {
        JobJson {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    record StepJson(String name, String status, String conclusion, int number) {
    }
}
