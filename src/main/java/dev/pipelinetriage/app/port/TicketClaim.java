package dev.pipelinetriage.app.port;

import java.util.Objects;

/** The outcome of claiming a signature's ticket: the first claim wins, every later one sees the winner's row. */
public sealed interface TicketClaim {

    record Claimed(TicketRecord record) implements TicketClaim {
        public Claimed {
            Objects.requireNonNull(record, "record");
        }
    }

    record Held(TicketRecord record) implements TicketClaim {
        public Held {
            Objects.requireNonNull(record, "record");
        }
    }
}
