package dev.pipelinetriage.adapter.ci.azure;

import java.util.List;

/**
 * Wire shapes of Azure DevOps REST "Builds - Get", "Builds - List", "Definitions - Get" and "Timeline - Get"
 * (learn.microsoft.com/rest/api/azure/devops/build).
 */
final class AzureJson {
    private AzureJson() {
    }

    record BuildJson(long id, String status, String result, DefinitionRefJson definition, String sourceBranch) {
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
