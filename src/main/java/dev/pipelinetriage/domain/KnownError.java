package dev.pipelinetriage.domain;

import java.util.List;
import java.util.Objects;

/** A curated known error from the knowledge base (one YAML file in {@code knowledge-base/}). */
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
        List<String> tags) {

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
        if (indications.isEmpty()) {
            throw new IllegalArgumentException("known error " + id + " has no indications");
        }
    }
}
