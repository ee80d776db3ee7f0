package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.Occurrence;
import dev.pipelinetriage.app.port.OccurrenceListener;
import dev.pipelinetriage.app.port.OccurrenceStore;
import dev.pipelinetriage.app.port.Recurrence;
import dev.pipelinetriage.app.port.SignatureInfo;
import dev.pipelinetriage.app.port.TicketClaims;
import dev.pipelinetriage.app.port.TicketRecord;
import dev.pipelinetriage.app.port.TopSignature;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recurring failures become tickets on their own. Every triaged failure is recorded once per job attempt; when
 * its signature crosses its verdict's threshold, one ticket is filed; while it keeps failing the ticket gets a
 * daily summary, and after a quiet period (hysteresis) a comment that it is back; a closed ticket is reopened or
 * followed by a new one, as the policy says.
 */
public final class AutomaticTickets implements OccurrenceListener {
    private static final Logger LOG = LoggerFactory.getLogger(AutomaticTickets.class);

    private final OccurrenceStore occurrences;
    private final TicketClaims claims;
    private final TicketFiler filer;

    public AutomaticTickets(OccurrenceStore occurrences, TicketClaims claims, TicketFiler filer) {
        this.occurrences = Objects.requireNonNull(occurrences, "occurrences");
        this.claims = Objects.requireNonNull(claims, "claims");
        this.filer = Objects.requireNonNull(filer, "filer");
    }

    @Override
    public Optional<Recurrence> triaged(Occurrence occurrence) {
        String key = occurrence.signature().key();
        boolean isNew = occurrences.recordOccurrence(occurrence);
        SignatureInfo info = occurrences.signature(key).orElseThrow();
        TicketFiler.Subject subject = filer.subject(info);
        if (isNew) {
            try {
                act(subject, filer.clock().instant());
            } catch (RuntimeException e) {
                // The card must still be posted; a pending claim is recovered by the reconciler.
                LOG.error("ticket handling for {} failed", key, e);
            }
        }
        Optional<TicketRecord> ticket = claims.ticket(key);
        return Optional.of(new Recurrence(key, subject.seen().count(), subject.window(),
                ticket.flatMap(TicketRecord::filed).orElse(null),
                ticket.map(t -> t.state() == TicketRecord.State.PENDING).orElse(false)));
    }

    /** Thresholds with hysteresis, evaluated when an occurrence arrives: the window only shrinks in between. */
    private void act(TicketFiler.Subject subject, Instant now) {
        String key = subject.key();
        TicketPolicy policy = filer.policy();
        TicketPolicy.Threshold threshold = policy.thresholds().get(subject.info().signature().verdict());
        Optional<TicketRecord> current = claims.ticket(key);
        long count = subject.seen().count();
        if (current.isEmpty()) {
            if (threshold != null && count >= threshold.activate()) {
                filer.file(subject, 1, "the " + subject.info().signature().verdict().wireName() + " threshold ("
                        + threshold.activate() + " in " + TicketContent.days(threshold.window()) + ") was crossed", null,
                        TicketFiler.bot(), "");
            }
            return;
        }
        TicketRecord record = current.get();
        if (record.state() == TicketRecord.State.PENDING || threshold == null) {
            return;
        }
        boolean active = record.active();
        if (active && count - 1 < threshold.deactivate()) {
            claims.setTicketActive(key, record.generation(), false);
            active = false;
        }
        if (!active) {
            if (count >= threshold.activate() && claims.setTicketActive(key, record.generation(), true)) {
                claims.claimComment(key, record.generation(), now, now);
                filer.followUp(subject, record, "The failure is back after a quiet period.");
            }
            return;
        }
        if (claims.claimComment(key, record.generation(), now.minus(policy.commentEvery()), now)) {
            filer.followUp(subject, record, "Daily summary: the failure continues.");
        }
    }

    /** Forgets occurrences older than the retention period. */
    public int prune() {
        return occurrences.pruneOccurrences(filer.clock().instant().minus(filer.policy().retention()));
    }

    /** This week's most frequent signatures. */
    public List<TopSignature> top(int limit) {
        return occurrences.top(filer.clock().instant().minus(Duration.ofDays(7)), limit);
    }
}
