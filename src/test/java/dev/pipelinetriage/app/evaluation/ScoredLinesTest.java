package dev.pipelinetriage.app.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The extraction score follows the corpus scorer's definitions (score.py), so both print the same numbers. */
class ScoredLinesTest {

    @Test
    void linesAreComparedWithoutColoursControlCodesOrGitHubTimestamps() {
        assertThat(ScoredLines.normalize("2024-01-02T03:04:05.1234567Z \u001b[31mError:\u001b[0m   boom\u0007"))
                .isEqualTo("Error: boom");
    }

    @Test
    void anExcerptLineCoversAGoldLineItContainsOrThatContainsMostOfIt() {
        assertThat(ScoredLines.covers("[ERROR] App.java:[3,1] cannot find symbol", "App.java:[3,1] cannot find symbol")).isTrue();
        assertThat(ScoredLines.covers("App.java:[3,1] cannot find symbo", "App.java:[3,1] cannot find symbol")).isTrue();
        assertThat(ScoredLines.covers("cannot find", "App.java:[3,1] cannot find symbol")).isFalse();
    }

    @Test
    void aHitNeedsEveryInformativeGoldLineAmongTheFirstNLines() {
        List<String> gold = List.of("E   assert 1 == 2", "--", "FAILED tests/test_a.py::test_x");

        var all = ScoredLines.score(gold, List.of("noise", "E   assert 1 == 2", "FAILED tests/test_a.py::test_x"), 30);
        var half = ScoredLines.score(gold, List.of("E   assert 1 == 2"), 30);
        var cut = ScoredLines.score(gold, List.of("noise", "FAILED tests/test_a.py::test_x", "E   assert 1 == 2"), 2);

        assertThat(all).hasValueSatisfying(s -> assertThat(s.hit()).isTrue());
        assertThat(half).hasValueSatisfying(s -> {
            assertThat(s.hit()).isFalse();
            assertThat(s.recall()).isEqualTo(0.5);
        });
        assertThat(cut).hasValueSatisfying(s -> assertThat(s.hit()).isFalse());
    }

    @Test
    void aCaseWhoseGoldSaysNothingIsNotScored() {
        assertThat(ScoredLines.score(List.of("--", "  "), List.of("x"), 30)).isEmpty();
    }
}
