package dev.pipelinetriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.domain.Verdict;
import dev.pipelinetriage.engine.redact.Redactor;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Stored cards redraw the same card when a button is pressed later, on any replica. */
class CardCodecTest {
    private final CardCodec codec = new CardCodec(new Redactor());

    private static CardView card(CardView.GreenRunNote green) {
        var job = new CardView.Triaged("test", Verdict.CODE, "Code: the failure comes from the change or its tests",
                "high confidence (80%)", "a test failed", "Run tests", null, null,
                List.of(new RedactedLine(9, "WARN cache miss"), new RedactedLine(12, "Expected: 42")), false,
                List.of("Fix the cause first."), null, green);
        return new CardView("card-1", "o/r · run 42, attempt 1", "https://github.com/o/r/actions/runs/42/attempts/1", null,
                List.of(job), 0, Verdict.CODE, null);
    }

    @Test
    void aCardComparedWithTheLastGreenRunKeepsItsLinkAndMarksWhenStored() {
        CardView card = card(new CardView.GreenRunNote("https://github.com/o/r/actions/runs/41/attempts/1", new TreeSet<>(List.of(12))));

        assertThat(codec.decode(codec.encode(card))).isEqualTo(card);
    }

    @Test
    void aCardWhoseRunPassedOnRerunKeepsTheAttemptsLinkAndTimeWhenStored() {
        CardView card = card(null).withPassedOnRerun(new CardView.PassedNote(
                "https://github.com/o/r/actions/runs/42/attempts/2", java.time.Instant.parse("2026-11-26T10:00:00Z")));

        assertThat(codec.decode(codec.encode(card))).isEqualTo(card);
        assertThat(codec.decode(codec.encode(card(null))).passedNote()).isEmpty();
    }

    @Test
    void aCardStoredBeforeGreenRunsWereComparedLoadsWithoutOne() {
        String stored = codec.encode(card(null));

        CardView loaded = codec.decode(stored);

        assertThat(stored).doesNotContain("lastGreen");
        assertThat(((CardView.Triaged) loaded.jobs().getFirst()).comparedWith()).isEmpty();
    }
}
