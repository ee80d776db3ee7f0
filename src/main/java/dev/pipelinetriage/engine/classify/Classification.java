package dev.pipelinetriage.engine.classify;

import dev.pipelinetriage.domain.Match;
import dev.pipelinetriage.domain.Verdict;
import java.util.Objects;

/** The classifier's answer: a verdict, a calibrated confidence, the match it rests on (or null) and why. */
public record Classification(Verdict verdict, double confidence, Match match, String reason) {
    public Classification {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be in 0..1, got " + confidence);
        }
    }
}
