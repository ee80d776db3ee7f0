package dev.pipelinetriage.adapter.ci.github;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Wire shapes of the GitHub REST API (docs.github.com/rest/actions/workflow-runs, .../workflow-jobs). */
final class GitHubJson {
    private GitHubJson() {
    }

    record RunJson(long id, String status, String conclusion, @JsonProperty("run_attempt") int runAttempt) {
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
