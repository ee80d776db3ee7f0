package dev.pipelinetriage.adapter.ci.gitlab;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire shapes of the GitLab REST API v4 (docs.gitlab.com/api/jobs, /api/pipelines and /api/projects). */
final class GitLabJson {
    private GitLabJson() {
    }

    record PipelineJson(long id, String status, String ref) {
    }

    record ProjectJson(@JsonProperty("default_branch") String defaultBranch) {
    }

    record JobJson(long id, String name, String stage, String status, @JsonProperty("failure_reason") String failureReason,
            PipelineRefJson pipeline) {
    }

    record PipelineRefJson(long id, String status) {
    }
}
