package dev.pipelinetriage.app.port;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the card says about a failure's recurrence: "seen N times in 7 days -- ticket OPS-123".
 *
 * @param ticket the current ticket, or null
 * @param pending true while a ticket is claimed but not yet confirmed by the tracker
 */
public record Recurrence(String signatureKey, long count, Duration window, TicketRef ticket, boolean pending) {
    public Recurrence {
        Objects.requireNonNull(signatureKey, "signatureKey");
        Objects.requireNonNull(window, "window");
    }

    public Optional<TicketRef> filed() {
        return Optional.ofNullable(ticket);
    }
}
