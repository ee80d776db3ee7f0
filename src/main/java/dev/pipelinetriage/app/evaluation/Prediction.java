package dev.pipelinetriage.app.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * What the bot answered for one case, in the corpus scorer's terms.
 *
 * @param match the named known error's id, or null
 * @param patternFired whether one of the named entry's own indications matches a line of its evidence
 *     (always false without a match)
 * @param failedStep the step the triage says failed, or null
 * @param signals the generic signs seen when no known error was named
 */
public record Prediction(String id, List<String> excerpt, String label, String match, boolean patternFired,
        String failedStep, List<String> signals) {
    public Prediction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        excerpt = List.copyOf(excerpt);
        signals = List.copyOf(signals);
    }

    public Prediction(String id, List<String> excerpt, String label, String match, boolean patternFired) {
        this(id, excerpt, label, match, patternFired, null, List.of());
    }
}
