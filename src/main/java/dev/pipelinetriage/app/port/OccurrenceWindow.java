package dev.pipelinetriage.app.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A signature's occurrences since {@code since}.
 *
 * @param repositories the distinct repositories, sorted
 * @param links the most recent run links, newest first, at most as many as asked for
 */
public record OccurrenceWindow(String signatureKey, Instant since, long count, List<String> repositories,
        List<String> links) {

    public OccurrenceWindow {
        Objects.requireNonNull(signatureKey, "signatureKey");
        Objects.requireNonNull(since, "since");
        repositories = List.copyOf(repositories);
        links = List.copyOf(links);
    }
}
