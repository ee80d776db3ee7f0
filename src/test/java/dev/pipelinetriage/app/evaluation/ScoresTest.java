package dev.pipelinetriage.app.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoresTest {

    private static EvalCase labeled(String id, String label) {
        return new EvalCase(id, "octo/app", Path.of(id, "log.txt"), null, label);
    }

    private static Prediction predicted(String id, String label, String match, boolean fired) {
        return new Prediction(id, List.of(), label, match, fired);
    }

    @Test
    void nonCodeF1CountsPlatformAndFlakyTogetherAndUnknownAsMissed() {
        var cases = List.of(labeled("a", "platform"), labeled("b", "flaky"), labeled("c", "code"), labeled("d", "platform"),
                labeled("e", "unsure"));
        var predictions = Map.of(
                "a", predicted("a", "flaky", null, false),      // non-code either way: a hit
                "b", predicted("b", "platform", null, false),
                "c", predicted("c", "platform", null, false),   // false alarm
                "d", predicted("d", "unknown", null, false),    // missed
                "e", predicted("e", "platform", null, false));  // unsure: not scored

        Scores s = Scores.of(cases, predictions, 30);

        // precision 2/3, recall 2/3
        assertThat(s.nonCodeF1()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(s.scoredLabels()).isEqualTo(4);
    }

    @Test
    void patternBackedShareIsTheShareOfNamedKnownErrorsBackedByAFiredPattern() {
        var cases = List.of(labeled("a", "code"), labeled("b", "code"), labeled("c", "code"));
        var predictions = Map.of(
                "a", predicted("a", "code", "javac-compile-error", true),
                "b", predicted("b", "code", "kotlin-compile-error", false),
                "c", predicted("c", "code", null, false));

        Scores s = Scores.of(cases, predictions, 30);

        assertThat(s.named()).isEqualTo(2);
        assertThat(s.patternBackedShare()).isEqualTo(0.5);
    }

    @Test
    void aMissingPredictionIsAnEmptyExcerptAndUnknown() {
        var c = new EvalCase("a", "octo/app", Path.of("a/log.txt"), List.of("Error: boom happened"), "platform");

        Scores s = Scores.of(List.of(c), Map.of(), 30);

        assertThat(s.hitRate()).isZero();
        assertThat(s.nonCodeF1()).isZero();
        assertThat(s.hasNonCode()).isTrue();
    }
}
