package dev.pipelinetriage.engine.classify;

import dev.pipelinetriage.domain.Match;
import dev.pipelinetriage.domain.Verdict;
import java.util.List;
import java.util.Objects;

/**
 * The classifier's answer: a verdict, a calibrated confidence, the match it rests on (or null) and why.
 *
 * @param signals without a match, the generic signs seen in the key failure lines, in the order of those
 *     lines (strongest first) (e.g.
 *     {@code test failure}, {@code network}); empty when a known error explains the failure
 */
public record Classification(Verdict verdict, double confidence, Match match, String reason, List<String> signals) {
    public Classification {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        signals = List.copyOf(signals);
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be in 0..1, got " + confidence);
        }
    }
}
