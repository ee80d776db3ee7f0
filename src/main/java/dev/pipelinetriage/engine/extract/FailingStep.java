package dev.pipelinetriage.engine.extract;

import dev.pipelinetriage.domain.LogLine;
import java.util.List;

/** The step the excerpt comes from: its name, line range, last lines and the CI's failure line. */
record FailingStep(String name, int start, int end, List<LogLine> tail, LogLine verdict) {
    boolean holds(Cluster c) {
        return c.start >= start && c.start <= end;
    }
}
