package dev.pipelinetriage.app.port;

/**
 * The bot's shared state: what must hold across retries, double clicks and (with a shared database) replicas.
 * Every "only once" guarantee rests on a unique key checked by the store in one atomic step, never on a
 * read followed by a write in the caller.
 *
 * <p>One store implements every use case's port; each service depends on the ports it uses only.
 */
public interface StateStore extends EventClaims, CardStore, RerunClaims, FeedbackStore, OccurrenceStore, TicketClaims,
        RerunOutcomes {
}
