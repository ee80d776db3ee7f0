package dev.pipelinetriage.engine.classify;

import dev.pipelinetriage.domain.Verdict;
import java.util.Optional;

/**
 * The generic signs as seen from outside the engine: which sign a failure line or a failing step shows, and
 * what it points to. Cross-validation uses it to find which repositories support each sign, and holds out
 * those only a held-out fold supports ({@link dev.pipelinetriage.engine.extract.Tuning#heldOut()}).
 */
public final class Signs {

    /** Prefix of a sign's name in a held-out set. */
    public static final String PREFIX = "sign:";

    /** A sign by its held-out name, with the verdict it points to. */
    public record Sign(String name, Verdict verdict) {
    }

    private Signs() {
    }

    /** The strongest sign on the line, if any. */
    public static Optional<Sign> onLine(String line) {
        return GenericSignals.strongest(line).map(s -> new Sign(PREFIX + s.name(), s.verdict()));
    }

    /** The sign the failing step's kind gives, if any. */
    public static Optional<Sign> ofStep(String stepName) {
        return StepKind.of(stepName).map(k -> new Sign(PREFIX + k.signal(), Verdict.PLATFORM));
    }
}
