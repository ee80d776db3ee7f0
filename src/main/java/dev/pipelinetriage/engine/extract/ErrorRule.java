package dev.pipelinetriage.engine.extract;

import java.util.regex.Pattern;

/** A line that looks like an error explanation: its pattern and how strongly it points at the cause. */
record ErrorRule(String name, Pattern pattern, int weight) {

    static ErrorRule of(String name, int weight, String regex) {
        return new ErrorRule(name, Pattern.compile(regex), weight);
    }
}
