package dev.pipelinetriage.domain;

import java.util.List;
import java.util.Objects;

/**
 * A curated known error from the knowledge base (one YAML file in {@code knowledge-base/}).
 *
 * @param supersedes ids of more generic entries this one refines: when both fire where the job failed, this
 *     one names the failure (a class-file-version error is also a javac error, but the more useful answer)
 */
public record KnownError(
        String id,
        String title,
        Category category,
        String subcategory,
        List<Indication> indications,
        List<String> examples,
        List<String> counterExamples,
        String runbook,
        String fix,
        RerunAdvice rerun,
        String owner,
        List<String> tags,
        List<String> supersedes) {

    public KnownError {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(subcategory, "subcategory");
        Objects.requireNonNull(runbook, "runbook");
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(rerun, "rerun");
        Objects.requireNonNull(owner, "owner");
        indications = List.copyOf(indications);
        examples = List.copyOf(examples);
        counterExamples = List.copyOf(counterExamples);
        tags = List.copyOf(tags);
        supersedes = List.copyOf(supersedes);
        if (indications.isEmpty()) {
            throw new IllegalArgumentException("known error " + id + " has no indications");
        }
        if (supersedes.contains(id)) {
            throw new IllegalArgumentException("known error " + id + " cannot supersede itself");
        }
    }

    /** An entry that refines no other. */
    public KnownError(String id, String title, Category category, String subcategory, List<Indication> indications,
            List<String> examples, List<String> counterExamples, String runbook, String fix, RerunAdvice rerun,
            String owner, List<String> tags) {
        this(id, title, category, subcategory, indications, examples, counterExamples, runbook, fix, rerun, owner,
                tags, List.of());
    }

    /** Whether this entry declares itself a refinement of {@code other}. */
    public boolean supersedes(KnownError other) {
        return supersedes.contains(other.id());
    }
}
