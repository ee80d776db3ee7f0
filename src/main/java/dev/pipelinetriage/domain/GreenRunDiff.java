package dev.pipelinetriage.domain;

import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The last green run of the same job that a failed job's log was compared with.
 *
 * @param webUrl the green run's page on the configured web host (built by the bot, never copied from a response)
 * @param newLines the numbers of the excerpt's lines that the green run did not print (modulo numbers, ids and
 *     times): the lines that are new since it
 */
public record GreenRunDiff(String webUrl, SortedSet<Integer> newLines) {

    public GreenRunDiff {
        Objects.requireNonNull(webUrl, "webUrl");
        newLines = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(newLines));
    }

    /** Whether the green run did not print this excerpt line. */
    public boolean isNew(RedactedLine line) {
        return newLines.contains(line.number());
    }
}
