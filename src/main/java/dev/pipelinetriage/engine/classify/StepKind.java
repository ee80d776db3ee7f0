package dev.pipelinetriage.engine.classify;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What kind of step failed, read from its name: a failure while the runner prepares the job or while
 * dependencies install is, more often than not, the platform's, whatever the change; a failure in a build,
 * test or lint step is the change's unless a line says otherwise. The names are the CI systems' own step
 * names and the common install commands, not any project's.
 */
enum StepKind {
    /** The runner's own preparation: sources, executor, image, secrets, cache (GitLab, GitHub, Travis, Jenkins). */
    SETUP("set-up step failed", 6, Pattern.compile(
            "(?i)^(?:get_sources|prepare_executor|prepare_script|resolve_secrets|download_artifacts|restore_cache"
                    + "|Set up job|Initialize job|Initialize containers|Checkout|Checkout SCM|Declarative: Checkout SCM"
                    + "|Run actions/checkout\\S*|git (?:clone|checkout|fetch|submodule)\\b.*)$")),
    /** Installing dependencies or tools before the job's own commands. */
    INSTALL("install step failed", 3, Pattern.compile(
            "(?i)(?:^|[\\s/_.-])(?:install|before_install|dependencies|deps|bootstrap|apt-get|apt|pip|npm ci|"
                    + "yarn install|bundle install|conda|brew|setup-\\w+)(?:$|[\\s/_.-])"));

    private final String signal;
    private final int weight;
    private final Pattern name;

    StepKind(String signal, int weight, Pattern name) {
        this.signal = signal;
        this.weight = weight;
        this.name = name;
    }

    /** The kind of the named step, when it is one whose failure points at the platform. */
    static Optional<StepKind> of(String stepName) {
        if (stepName == null || stepName.isBlank()) {
            return Optional.empty();
        }
        for (StepKind kind : values()) {
            if (kind.name.matcher(stepName.strip()).find()) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** Shown to people among the generic signs. */
    String signal() {
        return signal;
    }

    /** Its vote for a platform verdict, beside the signs on the failure lines. */
    int weight() {
        return weight;
    }
}
