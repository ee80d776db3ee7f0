package dev.pipelinetriage.adapter.ci.azure;

import java.util.List;

/** Wire shapes of Azure DevOps REST "Builds - Get" and "Timeline - Get" (learn.microsoft.com/rest/api/azure/devops/build). */
final class AzureJson {
    private AzureJson() {
    }

    record BuildJson(long id, String status, String result) {
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
