package dev.pipelinetriage.app.port;

import java.util.List;
import java.util.Objects;

/**
 * A ticket to create. The adapter adds its configured project, issue type, components and static labels.
 *
 * @param labels the signature's labels: what a search after a crash looks for
 */
public record TicketDraft(String title, List<String> labels, TicketDocument body) {
    public TicketDraft {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        labels = List.copyOf(labels);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a ticket carries its signature label");
        }
    }
}
