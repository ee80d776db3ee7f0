package dev.pipelinetriage.app.port;

import java.util.Optional;

/** Which ticket tracks a recurring failure's signature, where a ticket tracker is configured. */
@FunctionalInterface
public interface TicketDirectory {

    /** The ticket's key or link for {@code signature}, e.g. {@code PROJ-123}. */
    Optional<String> ticketFor(String signature);

    /** No tracker configured: no signature has a ticket. */
    static TicketDirectory none() {
        return signature -> Optional.empty();
    }
}
