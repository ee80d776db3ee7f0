package dev.pipelinetriage.engine.extract;

import java.util.List;
import java.util.Optional;

/**
 * The extractor's error vocabulary as seen from outside the engine: which rule scores a line. Cross-validation
 * uses it to find which repositories support each rule, and to hold out the rules only a held-out fold
 * supports ({@link Tuning#heldOut()}).
 */
public final class Vocabulary {

    /** Prefix of a rule's name in {@link Tuning#heldOut()}. */
    public static final String PREFIX = "rule:";

    private Vocabulary() {
    }

    /** Every rule's held-out name. */
    public static List<String> rules() {
        return ErrorRules.rules().stream().map(r -> PREFIX + r.name()).toList();
    }

    /** The held-out name of the rule that scores the line, if any. */
    public static Optional<String> ruleFor(String line) {
        return Optional.ofNullable(ErrorRules.strongest(line)).map(r -> PREFIX + r.name());
    }
}
