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
 * @param failedFrom first line of the part of the log where the job failed (the failing steps)
 * @param failedTo last line of that part
 */
public record Extraction(List<LogLine> excerpt, List<LogLine> keyLines, String failedStep, int lineCount,
        int failedFrom, int failedTo) {
    public Extraction {
        excerpt = List.copyOf(excerpt);
        keyLines = List.copyOf(keyLines);
    }

    /** An extraction whose failure may lie anywhere in the log. */
    public Extraction(List<LogLine> excerpt, List<LogLine> keyLines, String failedStep, int lineCount) {
        this(excerpt, keyLines, failedStep, lineCount, 1, Integer.MAX_VALUE);
    }

    /** Whether the line lies in the part of the log where the job failed. */
    public boolean whereItFailed(LogLine line) {
        return line.number() >= failedFrom && line.number() <= failedTo;
    }
}
