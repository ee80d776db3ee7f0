package dev.pipelinetriage.engine.extract;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A line that looks like an error explanation: its pattern, how strongly it points at the cause, and the
 * literals (compared without ASCII case) of which every match contains at least one -- the rule's regex
 * runs only on lines holding one of them.
 */
record ErrorRule(String name, Pattern pattern, int weight, List<String> literals) {

    ErrorRule {
        literals = List.copyOf(literals);
        if (literals.isEmpty()) {
            throw new IllegalArgumentException("rule " + name + " needs at least one literal its matches contain");
        }
    }

    /** Whether the rule takes the line (its literals aside: callers check those first). */
    boolean matches(String text) {
        return pattern.matcher(text).find();
    }

    static ErrorRule of(String name, int weight, String regex, String... literals) {
        return new ErrorRule(name, Pattern.compile(regex), weight, List.of(literals));
    }
}
