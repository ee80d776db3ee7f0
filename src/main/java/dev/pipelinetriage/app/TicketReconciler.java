package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.OccurrenceStore;
import dev.pipelinetriage.app.port.SignatureInfo;
import dev.pipelinetriage.app.port.TicketClaims;
import dev.pipelinetriage.app.port.TicketRecord;
import dev.pipelinetriage.app.port.TicketRef;
import dev.pipelinetriage.app.port.TrackerResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovers ticket claims left pending (a crash after the tracker answered, a timeout, a 5xx, a 429): takes each
 * over (one replica wins), searches the tracker for its label, adopts a found ticket, and creates one only when the
 * search finds none. A failed search or create leaves the claim pending for the next round.
 */
public final class TicketReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(TicketReconciler.class);

    private final OccurrenceStore occurrences;
    private final TicketClaims claims;
    private final TicketFiler filer;

    public TicketReconciler(OccurrenceStore occurrences, TicketClaims claims, TicketFiler filer) {
        this.occurrences = Objects.requireNonNull(occurrences, "occurrences");
        this.claims = Objects.requireNonNull(claims, "claims");
        this.filer = Objects.requireNonNull(filer, "filer");
    }

    /** What recovery did with the stale pending claims. */
    public record Reconciled(int adopted, int created, int stillPending) {
    }

    public Reconciled reconcile() {
        Instant now = filer.clock().instant();
        int adopted = 0;
        int created = 0;
        int pending = 0;
        for (TicketRecord stale : claims.pendingTickets(now.minus(filer.policy().reconcileAfter()))) {
            String key = stale.signatureKey();
            String attempt = filer.newAttemptId();
            if (!claims.takeOverTicket(key, stale.generation(), stale.attemptId(), attempt, now)) {
                continue;
            }
            Optional<SignatureInfo> info = occurrences.signature(key);
            if (info.isEmpty()) {
                continue;
            }
            String label = info.get().signature().label(stale.generation());
            switch (filer.findByLabel(label)) {
                case TrackerResult.Failed<List<TicketRef>> f -> {
                    LOG.warn("searching {} for {} failed; retrying later: {}", filer.trackerName(), label, f.message());
                    pending++;
                }
                case TrackerResult.Ok<List<TicketRef>> found when !found.value().isEmpty() -> {
                    filer.adopt(key, stale.generation(), attempt, found.value().getFirst(), TicketFiler.bot(), "", "adopted");
                    adopted++;
                }
                case TrackerResult.Ok<List<TicketRef>> none -> {
                    // create() either files the ticket or leaves the claim pending
                    if (filer.create(filer.subject(info.get()), stale.generation(), attempt,
                            "the threshold was crossed (filed on recovery)", null, TicketFiler.bot(), "")
                            instanceof TicketFiler.Filed) {
                        created++;
                    } else {
                        pending++;
                    }
                }
            }
        }
        return new Reconciled(adopted, created, pending);
    }
}
