package dev.pipelinetriage.adapter.ci.jenkins;

import java.util.List;

/** Wire shapes of Jenkins' remote access API ({@code .../api/json}, jenkins.io "Remote Access API"). */
final class JenkinsJson {
    private JenkinsJson() {
    }

    record BuildJson(int number, String result, boolean building, List<ActionJson> actions) {
        BuildJson {
            actions = actions == null ? List.of() : actions.stream().filter(java.util.Objects::nonNull).toList();
        }
    }

    record ActionJson(List<ParameterJson> parameters) {
        ActionJson {
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
        }
    }

    /** Values are strings, booleans or numbers; credentials and files are not sent back by Jenkins. */
    record ParameterJson(String name, Object value) {
    }

    record JobJson(boolean inQueue, BuildNumberJson lastBuild) {
    }

    record BuildNumberJson(int number) {
    }

    record QueueItemJson(long id, ExecutableJson executable) {
    }

    record ExecutableJson(int number) {
    }
}
