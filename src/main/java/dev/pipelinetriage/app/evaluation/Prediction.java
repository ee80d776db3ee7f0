package dev.pipelinetriage.app.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * What the bot answered for one case, in the corpus scorer's terms.
 *
 * @param match the named known error's id, or null
 * @param patternFired whether one of the named entry's own indications matches a line of its evidence
 *     (always false without a match)
 */
public record Prediction(String id, List<String> excerpt, String label, String match, boolean patternFired) {
    public Prediction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        excerpt = List.copyOf(excerpt);
    }
}
