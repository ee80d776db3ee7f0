package dev.pipelinetriage.domain;

import java.util.List;
import java.util.Objects;

/**
 * A job's log as fetched under a size cap: the whole log, or its head and (mostly) its tail with the middle
 * left out. Line numbers are the original ones, so the gap is visible in the numbering.
 *
 * @param capped true when the bot left out part of the log to stay under its size cap
 * @param cutAtSource true when the CI itself stopped collecting output (e.g. GitLab runner's output limit)
 * @param sourceBytes how many bytes the CI served
 */
public record JobLog(JobRef job, List<LogLine> lines, boolean capped, boolean cutAtSource, long sourceBytes) {

    public JobLog {
        Objects.requireNonNull(job, "job");
        lines = List.copyOf(lines);
        if (sourceBytes < 0) {
            throw new IllegalArgumentException("sourceBytes must not be negative, got " + sourceBytes);
        }
    }

    /** What {@link TriageReport#truncated()} should say: some of the log is missing, for either reason. */
    public boolean truncated() {
        return capped || cutAtSource;
    }

    /** The lines joined with '\n', for consumers that want text. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (LogLine line : lines) {
            sb.append(line.text()).append('\n');
        }
        return sb.toString();
    }
}
