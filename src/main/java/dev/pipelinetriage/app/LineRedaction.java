package dev.pipelinetriage.app;

import dev.pipelinetriage.domain.LogLine;
import java.util.List;

/** Removes secrets from lines before they leave the process; same number of lines, same numbers. */
@FunctionalInterface
public interface LineRedaction {
    List<LogLine> redact(List<LogLine> lines);
}
