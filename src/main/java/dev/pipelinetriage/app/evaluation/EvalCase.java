package dev.pipelinetriage.app.evaluation;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One labeled log of an evaluation corpus.
 *
 * @param repository the project the log comes from: the unit held out together
 * @param goldLines the lines that explain the failure, or null when the case has none
 * @param label the gold verdict ({@code code}, {@code platform}, {@code flaky}, {@code unsure}), or null
 * @param previousSuccess the log of the last successful run of the same job, or null when there is none
 */
public record EvalCase(String id, String repository, Path log, List<String> goldLines, String label,
        Path previousSuccess) {
    public EvalCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(log, "log");
        goldLines = goldLines == null ? null : List.copyOf(goldLines);
    }

    public EvalCase(String id, String repository, Path log, List<String> goldLines, String label) {
        this(id, repository, log, goldLines, label, null);
    }

    /** The same case in a group of its own (a fold file's grouping, a repository otherwise). */
    public EvalCase inGroup(String group) {
        return new EvalCase(id, group, log, goldLines, label, previousSuccess);
    }
}
