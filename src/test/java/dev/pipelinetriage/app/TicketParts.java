package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.AuditLog;
import dev.pipelinetriage.app.port.Authorizer;
import dev.pipelinetriage.app.port.StateStore;
import dev.pipelinetriage.app.port.TicketTracker;
import dev.pipelinetriage.engine.redact.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/** The ticket services of one process over one store and tracker, wired as the bot wires them. */
public record TicketParts(AutomaticTickets automatic, TicketReconciler reconciler, ChatTickets chat) {

    public static TicketParts over(StateStore store, TicketTracker tracker, Authorizer authorizer, AuditLog audit,
            TicketPolicy policy, Clock clock, Supplier<String> attemptIds) {
        TicketFiler filer = new TicketFiler(store, store, tracker, audit, policy, new Redactor(), clock, attemptIds);
        return new TicketParts(new AutomaticTickets(store, store, filer), new TicketReconciler(store, store, filer),
                new ChatTickets(store, store, store, filer, authorizer, Duration.ofMinutes(10)));
    }
}
