package dev.pipelinetriage.app.port;

import dev.pipelinetriage.domain.Signature;
import java.util.Objects;

/** One line of "this week's top recurring failures". {@code ticket} is the current ticket, or null. */
public record TopSignature(Signature signature, long count, int repositories, TicketRecord ticket) {
    public TopSignature {
        Objects.requireNonNull(signature, "signature");
    }
}
