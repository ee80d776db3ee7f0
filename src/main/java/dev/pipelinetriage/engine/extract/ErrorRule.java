package dev.pipelinetriage.engine.extract;

import dev.pipelinetriage.engine.text.LinePattern;
import java.util.List;
import java.util.Objects;

/**
 * A line that looks like an error explanation: its pattern, how strongly it points at the cause, and the
 * literals (compared without ASCII case) of which every match contains at least one -- the rule's regex
 * runs only on lines holding one of them.
 *
 * @param exclusion lines the rule leaves although its pattern matches them, or null: the continuations a negative
 *     look-ahead after an anchored prefix used to refuse ({@code ^error: } but not {@code ^error: aborting due to}),
 *     which a linear-time engine cannot run inside the pattern
 */
record ErrorRule(String name, LinePattern pattern, LinePattern exclusion, int weight, List<String> literals) {

    ErrorRule {
        Objects.requireNonNull(pattern, "pattern");
        literals = List.copyOf(literals);
        if (literals.isEmpty()) {
            throw new IllegalArgumentException("rule " + name + " needs at least one literal its matches contain");
        }
    }

    /** Whether the rule takes the line (its literals aside: callers check those first). */
    boolean matches(String text) {
        return pattern.find(text) && (exclusion == null || !exclusion.find(text));
    }

    static ErrorRule of(String name, int weight, String regex, String... literals) {
        return new ErrorRule(name, ErrorRules.compile(regex), null, weight, List.of(literals));
    }

    /**
     * A rule whose matches exclude those of {@code excluded}; exact where a negative look-ahead followed an anchored
     * prefix, when {@code excluded} is anchored at the same prefix.
     */
    static ErrorRule except(String name, int weight, String regex, String excluded, String... literals) {
        return new ErrorRule(name, ErrorRules.compile(regex), ErrorRules.compile(excluded), weight, List.of(literals));
    }
}
