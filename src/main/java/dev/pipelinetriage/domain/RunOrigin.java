package dev.pipelinetriage.domain;

import java.time.Instant;

/**
 * What a run ran, so that the last green run of the same job can be found: the workflow or pipeline definition,
 * the branch it built and when it was created.
 *
 * @param definition the GitHub workflow id or the Azure Pipelines definition id; null where a project has one
 *     pipeline (GitLab) or the job path names it (Jenkins)
 * @param branch the branch or ref the run built (GitHub {@code head_branch}, GitLab {@code ref}, Azure
 *     {@code sourceBranch} such as {@code refs/heads/main}), or null when the provider did not say
 * @param created when the run was created, or null when the provider did not say
 */
public record RunOrigin(String definition, String branch, Instant created) {

    public RunOrigin {
        if (definition != null) {
            CiIds.requireId(definition, "definition");
        }
        if (branch != null) {
            CiIds.requireText(branch, "branch");
        }
    }
}
