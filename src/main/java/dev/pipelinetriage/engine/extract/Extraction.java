package dev.pipelinetriage.engine.extract;

import dev.pipelinetriage.domain.LogLine;
import java.util.List;

/**
 * What the extractor found in one log.
 *
 * @param excerpt the lines that best explain the failure, in log order, at most the budget
 * @param keyLines the strongest error lines, strongest first (used for matching and signatures)
 * @param failedStep the step that failed, when the log shows steps (else null)
 * @param lineCount the number of physical lines read
 */
public record Extraction(List<LogLine> excerpt, List<LogLine> keyLines, String failedStep, int lineCount) {
    public Extraction {
        excerpt = List.copyOf(excerpt);
        keyLines = List.copyOf(keyLines);
    }
}
