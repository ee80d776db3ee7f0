package dev.pipelinetriage.chat;

import dev.pipelinetriage.app.port.AuditLog;
import dev.pipelinetriage.app.port.StateStore;
import dev.pipelinetriage.app.port.TriageMetrics;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The shared chat layer as one platform gets it: a conversation and card actions built for that platform's people
 * (its rerun users, curators, channels and link limit), and the services every platform shares. A platform's
 * factory receives it once it has its group directory, since the permissions ask that directory.
 *
 * @param tickets the File ticket button's actions; empty when no ticket tracker is configured
 * @param notifiers which CI notifier bots' messages this platform triages, and where
 */
public record PlatformServices(TriageConversation conversation, CardActions actions, Optional<TicketActions> tickets,
        Notifiers notifiers, CardCodec codec, StateStore state, AuditLog audit, Workers workers, Clock clock,
        TriageMetrics metrics) {
    public PlatformServices {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(tickets, "tickets");
        Objects.requireNonNull(notifiers, "notifiers");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(metrics, "metrics");
    }
}
