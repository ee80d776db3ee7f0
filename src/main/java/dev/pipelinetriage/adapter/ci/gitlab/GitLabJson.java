package dev.pipelinetriage.adapter.ci.gitlab;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Wire shapes of the GitLab REST API v4 (docs.gitlab.com/api/jobs, /api/pipelines and /api/projects). */
final class GitLabJson {
    private GitLabJson() {
    }

    /** @param source what started the pipeline: {@code push}, {@code merge_request_event}, {@code schedule}, ... */
    record PipelineJson(long id, String status, String ref, String source) {
        /** Merge request pipelines run on refs/merge-requests/:iid/head, or /merge and /train for merged results. */
        private static final Pattern MERGE_REQUEST_REF = Pattern.compile("refs/merge-requests/(\\d+)/(?:head|merge|train)");

        boolean forMergeRequest() {
            return "merge_request_event".equals(source);
        }

        /** The iid of the merge request the pipeline ran for, read from its ref; empty when the ref names none. */
        Optional<String> mergeRequestIid() {
            Matcher m = ref == null ? null : MERGE_REQUEST_REF.matcher(ref);
            return m != null && m.matches() ? Optional.of(m.group(1)) : Optional.empty();
        }
    }

    /**
     * "Get single MR": for a merge request from a fork, {@code source_project_id} is the fork's id and differs from
     * {@code target_project_id}; within one project they are equal.
     */
    record MergeRequestJson(@JsonProperty("source_project_id") Long sourceProjectId,
            @JsonProperty("target_project_id") Long targetProjectId) {
        /** Whether the source branch lives in another project; an answer without the ids counts as one. */
        boolean fromFork() {
            return sourceProjectId == null || !sourceProjectId.equals(targetProjectId);
        }
    }

    record ProjectJson(@JsonProperty("default_branch") String defaultBranch) {
    }

    record JobJson(long id, String name, String stage, String status, @JsonProperty("failure_reason") String failureReason,
            PipelineRefJson pipeline) {
    }

    record PipelineRefJson(long id, String status) {
    }
}
