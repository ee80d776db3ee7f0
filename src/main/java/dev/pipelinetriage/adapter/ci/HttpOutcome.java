package dev.pipelinetriage.adapter.ci;

import dev.pipelinetriage.app.port.CiProblem;
import java.util.Objects;

/** A decoded response or the problem that prevented it; the adapters' internal currency. */
public sealed interface HttpOutcome<T> {

    record Ok<T>(T value) implements HttpOutcome<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    record Failed<T>(CiProblem problem) implements HttpOutcome<T> {
        public Failed {
            Objects.requireNonNull(problem, "problem");
        }
    }
}
