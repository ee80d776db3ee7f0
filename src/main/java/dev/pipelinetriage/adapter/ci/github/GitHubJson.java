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

    /**
     * @param event what started the run ({@code push}, {@code pull_request}, {@code pull_request_target}, ...)
     * @param repository the repository the run belongs to
     * @param headRepository the repository of the code the run built: another one (a fork) for a pull request from a
     *     fork; null when GitHub no longer knows it (a deleted fork)
     */
    record RunJson(long id, String status, String conclusion, @JsonProperty("run_attempt") int runAttempt,
            @JsonProperty("workflow_id") Long workflowId, @JsonProperty("head_branch") String headBranch,
            @JsonProperty("created_at") Instant createdAt, String event, RepoName repository,
            @JsonProperty("head_repository") RepoName headRepository) {

        /**
         * Whether a rerun would run code from outside the repository with the repository's privileges: a pull request
         * whose head is another repository (a fork; unknown when GitHub no longer knows the fork), or a
         * {@code pull_request_target} run, which has the base repository's token and secrets whoever wrote the code.
         */
        boolean buildsOutsideCode() {
            if ("pull_request_target".equals(event)) {
                return true;
            }
            if (event == null || !event.startsWith("pull_request")) {
                return false; // a push, a schedule, a dispatch: the repository's own commits
            }
            return headRepository == null || repository == null
                    || !headRepository.fullName().equalsIgnoreCase(repository.fullName());
        }
    }

    /** A repository as a run names it. */
    record RepoName(@JsonProperty("full_name") String fullName) {
        RepoName {
            fullName = fullName == null ? "" : fullName;
        }
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
