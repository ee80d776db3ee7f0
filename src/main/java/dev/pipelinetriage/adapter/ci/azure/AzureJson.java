package dev.pipelinetriage.adapter.ci.azure;

import java.util.List;
import java.util.Map;

/**
 * Wire shapes of Azure DevOps REST "Builds - Get", "Builds - List", "Definitions - Get" and "Timeline - Get"
 * (learn.microsoft.com/rest/api/azure/devops/build).
 */
final class AzureJson {
    private AzureJson() {
    }

    /**
     * @param reason why the build ran: {@code manual}, {@code individualCI}, {@code pullRequest}, {@code schedule}, ...
     * @param triggerInfo what the trigger left: for a GitHub pull request {@code pr.number}, {@code pr.isFork} and more
     */
    record BuildJson(long id, String status, String result, DefinitionRefJson definition, String sourceBranch,
            String reason, Map<String, String> triggerInfo) {
        BuildJson {
            triggerInfo = triggerInfo == null ? Map.of() : Map.copyOf(triggerInfo);
        }

        /** A pull request build whose trigger says its source branch is in a fork ({@code pr.isFork: True}). */
        boolean buildsAForkPullRequest() {
            return "pullRequest".equalsIgnoreCase(reason) && "true".equalsIgnoreCase(triggerInfo.get("pr.isFork"));
        }
    }

    record DefinitionRefJson(long id) {
    }

    /** "Builds - List": {@code count} and the builds in {@code value}. */
    record BuildsJson(int count, List<BuildJson> value) {
        BuildsJson {
            value = value == null ? List.of() : List.copyOf(value);
        }
    }

    /** "Definitions - Get": only the repository's default branch is read. */
    record DefinitionJson(long id, RepositoryJson repository) {
    }

    record RepositoryJson(String defaultBranch) {
    }

    record TimelineJson(List<RecordJson> records) {
        TimelineJson {
            records = records == null ? List.of() : List.copyOf(records);
        }
    }

    record RecordJson(String id, String parentId, String type, String name, String state, String result, Integer attempt,
            Integer order, LogRefJson log) {
    }

    record LogRefJson(long id) {
    }
}
