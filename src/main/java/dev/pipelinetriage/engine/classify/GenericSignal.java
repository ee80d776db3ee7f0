package dev.pipelinetriage.engine.classify;

import dev.pipelinetriage.domain.Verdict;
import java.util.regex.Pattern;

/** A sign, independent of any known error, that a line points at one verdict; {@code name} is shown to people. */
record GenericSignal(String name, Verdict verdict, int weight, Pattern pattern) {

    static GenericSignal of(String name, Verdict verdict, int weight, String regex) {
        return new GenericSignal(name, verdict, weight, Pattern.compile(regex));
    }
}
