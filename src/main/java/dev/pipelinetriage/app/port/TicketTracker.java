package dev.pipelinetriage.app.port;

import java.util.List;

/**
 * An issue tracker the bot files recurring failures in (Jira Cloud or Data Center, GitHub Issues). Trackers have
 * no idempotency key, so "exactly one ticket" is the caller's job: claim in the database first, search by label
 * when the outcome of a create is unknown.
 */
public interface TicketTracker {

    /** For messages: {@code jira} or {@code github}. */
    String name();

    TrackerResult<TicketRef> create(TicketDraft draft);

    /** Tickets carrying {@code label}, oldest first. Search indexes lag behind writes (seconds to minutes). */
    TrackerResult<List<TicketRef>> findByLabel(String label);

    /** True while the ticket is open (not in a done/closed state). */
    TrackerResult<Boolean> isOpen(TicketRef ticket);

    TrackerResult<TicketRef> comment(TicketRef ticket, TicketDocument text);

    /** Moves a closed ticket back to an open state. */
    TrackerResult<TicketRef> reopen(TicketRef ticket);
}
