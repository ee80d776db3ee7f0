package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.AuditEntry;
import dev.pipelinetriage.app.port.AuditLog;
import dev.pipelinetriage.app.port.Authorizer;
import dev.pipelinetriage.app.port.Occurrence;
import dev.pipelinetriage.app.port.OccurrenceListener;
import dev.pipelinetriage.app.port.OccurrenceWindow;
import dev.pipelinetriage.app.port.PendingRerun;
import dev.pipelinetriage.app.port.Recurrence;
import dev.pipelinetriage.app.port.SignatureInfo;
import dev.pipelinetriage.app.port.StateStore;
import dev.pipelinetriage.app.port.StoredCard;
import dev.pipelinetriage.app.port.TicketClaim;
import dev.pipelinetriage.app.port.TicketDraft;
import dev.pipelinetriage.app.port.TicketRecord;
import dev.pipelinetriage.app.port.TicketRef;
import dev.pipelinetriage.app.port.TicketTracker;
import dev.pipelinetriage.app.port.TopSignature;
import dev.pipelinetriage.app.port.TrackerResult;
import dev.pipelinetriage.engine.redact.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recurring failures become tickets. Every triaged failure is recorded once per job attempt; when its signature
 * crosses the threshold, one ticket is filed: the signature is claimed in the database first (a unique key, so
 * one replica wins), the tracker is called, then the ticket's key is recorded. A crash or an unknown outcome
 * between the two leaves the claim pending; {@link #reconcile()} later searches the tracker by the signature's
 * label and adopts what it finds before it creates anything.
 */
public final class TicketService implements OccurrenceListener {
    /** Reads in the authorizer's words: "only on-call engineers may file tickets for jobs from chat". */
    public static final String ACTION = "file tickets for";
    private static final String AUDIT_ACTION = "ticket";
    private static final String PENDING_PREFIX = "ticket:";
    private static final int MAX_LINKS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(TicketService.class);

    private final StateStore store;
    private final TicketTracker tracker;
    private final Authorizer authorizer;
    private final AuditLog audit;
    private final TicketPolicy policy;
    private final TicketContent content;
    private final Clock clock;
    private final Supplier<String> attemptIds;
    private final Duration confirmWithin;

    /** @param attemptIds unique ids for claims (random UUIDs in production) */
    public TicketService(StateStore store, TicketTracker tracker, Authorizer authorizer, AuditLog audit,
            TicketPolicy policy, Redactor redactor, Clock clock, Supplier<String> attemptIds, Duration confirmWithin) {
        this.store = Objects.requireNonNull(store, "store");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.content = new TicketContent(Objects.requireNonNull(redactor, "redactor"), policy);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.attemptIds = Objects.requireNonNull(attemptIds, "attemptIds");
        this.confirmWithin = Objects.requireNonNull(confirmWithin, "confirmWithin");
    }

    /** The outcome of filing (or trying to) for one signature. */
    public sealed interface Filing permits Filed, AlreadyFiled, Pending, NotFiled {
    }

    public record Filed(String signatureKey, TicketRef ticket) implements Filing {
    }

    public record AlreadyFiled(String signatureKey, TicketRef ticket) implements Filing {
    }

    /** Claimed, but the tracker did not confirm; recovery retries without ever filing twice. */
    public record Pending(String signatureKey, String reason) implements Filing {
    }

    public record NotFiled(String signatureKey, String reason) implements Filing {
    }

    @Override
    public Optional<Recurrence> triaged(Occurrence occurrence) {
        String key = occurrence.signature().key();
        boolean isNew = store.recordOccurrence(occurrence);
        Instant now = clock.instant();
        Duration window = policy.window(occurrence.signature().verdict());
        OccurrenceWindow seen = store.occurrences(key, now.minus(window), MAX_LINKS);
        if (isNew) {
            try {
                act(key, seen, window, now);
            } catch (RuntimeException e) {
                // The card must still be posted; a pending claim is recovered by reconcile().
                LOG.error("ticket handling for {} failed", key, e);
            }
        }
        Optional<TicketRecord> ticket = store.ticket(key);
        return Optional.of(new Recurrence(key, seen.count(), window, ticket.flatMap(TicketRecord::filed).orElse(null),
                ticket.map(t -> t.state() == TicketRecord.State.PENDING).orElse(false)));
    }

    /** Thresholds with hysteresis, evaluated when an occurrence arrives: the window only shrinks in between. */
    private void act(String key, OccurrenceWindow seen, Duration window, Instant now) {
        SignatureInfo info = store.signature(key).orElseThrow();
        TicketPolicy.Threshold threshold = policy.thresholds().get(info.signature().verdict());
        Optional<TicketRecord> current = store.ticket(key);
        if (current.isEmpty()) {
            if (threshold != null && seen.count() >= threshold.activate()) {
                file(info, seen, window, 1, "the " + info.signature().verdict().wireName() + " threshold ("
                        + threshold.activate() + " in " + TicketContent.days(threshold.window()) + ") was crossed", null,
                        botActor(), "");
            }
            return;
        }
        TicketRecord record = current.get();
        if (record.state() == TicketRecord.State.PENDING || threshold == null) {
            return;
        }
        boolean active = record.active();
        long before = seen.count() - 1;
        if (active && before < threshold.deactivate()) {
            store.setTicketActive(key, record.generation(), false);
            active = false;
        }
        if (!active) {
            if (seen.count() >= threshold.activate() && store.setTicketActive(key, record.generation(), true)) {
                store.claimComment(key, record.generation(), now, now);
                followUp(info, seen, window, record, "The failure is back after a quiet period.");
            }
            return;
        }
        if (store.claimComment(key, record.generation(), now.minus(policy.commentEvery()), now)) {
            followUp(info, seen, window, record, "Daily summary: the failure continues.");
        }
    }

    /** Comments on an open ticket; a closed one is reopened or followed by a new one, as configured. */
    private void followUp(SignatureInfo info, OccurrenceWindow seen, Duration window, TicketRecord record, String opening) {
        TicketRef ticket = record.ticket();
        switch (tracker.isOpen(ticket)) {
            case TrackerResult.Failed<Boolean> f -> LOG.warn("cannot tell whether {} is open: {}", ticket.key(), f.message());
            case TrackerResult.Ok<Boolean> open when open.value() -> comment(ticket, info, seen, window, opening);
            case TrackerResult.Ok<Boolean> closed -> {
                switch (policy.reopen()) {
                    case REOPEN -> {
                        if (tracker.reopen(ticket) instanceof TrackerResult.Failed<TicketRef> f) {
                            LOG.warn("reopening {} failed: {}", ticket.key(), f.message());
                            return;
                        }
                        record(botActor(), "", info.signature().key(), "reopened", ticket.key());
                        comment(ticket, info, seen, window, "Reopened by Pipeline Triage: the failure keeps happening.");
                    }
                    case NEW -> file(info, seen, window, record.generation() + 1, "the failure kept happening after "
                            + ticket.key() + " was closed", ticket, botActor(), "");
                }
            }
        }
    }

    private void comment(TicketRef ticket, SignatureInfo info, OccurrenceWindow seen, Duration window, String opening) {
        if (tracker.comment(ticket, content.summary(info, seen, window, opening)) instanceof TrackerResult.Failed<TicketRef> f) {
            LOG.warn("comment on {} failed: {}", ticket.key(), f.message());
        }
    }

    /** Claim, create, record. Only the claim's winner calls the tracker. */
    private Filing file(SignatureInfo info, OccurrenceWindow seen, Duration window, int generation, String why,
            TicketRef previous, Actor actor, String channel) {
        String key = info.signature().key();
        Instant now = clock.instant();
        String attempt = attemptIds.get();
        switch (store.claimTicket(key, generation, attempt, now)) {
            case TicketClaim.Held held -> {
                return held.record().filed().<Filing>map(t -> new AlreadyFiled(key, t))
                        .orElseGet(() -> new Pending(key, "another request is filing it"));
            }
            case TicketClaim.Claimed claimed -> {
            }
        }
        TicketDraft draft = content.draft(info, seen, window, generation, why, previous);
        return switch (tracker.create(draft)) {
            case TrackerResult.Ok<TicketRef> ok -> {
                if (!store.recordTicket(key, generation, attempt, ok.value())) {
                    // Only after a takeover, i.e. a call slower than reconcileAfter; the label lets people find both.
                    LOG.error("{} was created for {} but the claim was taken over meanwhile", ok.value().key(), key);
                }
                store.claimComment(key, generation, now, now);
                record(actor, channel, key, "filed", ok.value().key());
                yield new Filed(key, ok.value());
            }
            case TrackerResult.Failed<TicketRef> failed -> {
                record(actor, channel, key, "pending", failed.problem() + ": " + failed.message());
                LOG.warn("filing a ticket for {} failed ({}); the claim stays pending: {}", key, failed.problem(),
                        failed.message());
                yield new Pending(key, "the " + tracker.name() + " tracker did not confirm (" + failed.message() + ")");
            }
        };
    }

    /** What recovery did with the stale pending claims. */
    public record Reconciled(int adopted, int created, int stillPending) {
    }

    /**
     * Recovers claims left pending (a crash after the tracker answered, a timeout, a 5xx, a 429): takes each over
     * (one replica wins), searches the tracker for its label, adopts a found ticket, and creates one only when the
     * search finds none. A failed search or create leaves the claim pending for the next round.
     */
    public Reconciled reconcile() {
        Instant now = clock.instant();
        int adopted = 0;
        int created = 0;
        int pending = 0;
        for (TicketRecord stale : store.pendingTickets(now.minus(policy.reconcileAfter()))) {
            String key = stale.signatureKey();
            String attempt = attemptIds.get();
            if (!store.takeOverTicket(key, stale.generation(), stale.attemptId(), attempt, now)) {
                continue;
            }
            Optional<SignatureInfo> info = store.signature(key);
            if (info.isEmpty()) {
                continue;
            }
            String label = info.get().signature().label(stale.generation());
            switch (tracker.findByLabel(label)) {
                case TrackerResult.Failed<List<TicketRef>> f -> {
                    LOG.warn("searching {} for {} failed; retrying later: {}", tracker.name(), label, f.message());
                    pending++;
                }
                case TrackerResult.Ok<List<TicketRef>> found when !found.value().isEmpty() -> {
                    TicketRef ticket = found.value().getFirst();
                    store.recordTicket(key, stale.generation(), attempt, ticket);
                    store.claimComment(key, stale.generation(), now, now);
                    record(botActor(), "", key, "adopted", ticket.key());
                    adopted++;
                }
                case TrackerResult.Ok<List<TicketRef>> none -> {
                    Duration window = policy.window(info.get().signature().verdict());
                    OccurrenceWindow seen = store.occurrences(key, now.minus(window), MAX_LINKS);
                    TicketDraft draft = content.draft(info.get(), seen, window, stale.generation(),
                            "the threshold was crossed (filed on recovery)", null);
                    switch (tracker.create(draft)) {
                        case TrackerResult.Ok<TicketRef> ok -> {
                            store.recordTicket(key, stale.generation(), attempt, ok.value());
                            store.claimComment(key, stale.generation(), now, now);
                            record(botActor(), "", key, "filed", ok.value().key());
                            created++;
                        }
                        case TrackerResult.Failed<TicketRef> f -> {
                            LOG.warn("creating a ticket for {} on recovery failed: {}", key, f.message());
                            pending++;
                        }
                    }
                }
            }
        }
        return new Reconciled(adopted, created, pending);
    }

    /** Forgets occurrences older than the retention period. */
    public int prune() {
        return store.pruneOccurrences(clock.instant().minus(policy.retention()));
    }

    /** This week's most frequent signatures. */
    public List<TopSignature> top(int limit) {
        return store.top(clock.instant().minus(Duration.ofDays(7)), limit);
    }

    // File ticket from a card: propose -> authorize -> confirm -> act -> audit, like a rerun.

    public sealed interface Proposal permits Confirm, Refused {
    }

    /** Ask the user to confirm; {@code pending.id()} is all the dialog carries. */
    public record Confirm(PendingRerun pending, StoredCard card) implements Proposal {
    }

    public record Refused(String reason) implements Proposal {
    }

    public Proposal propose(Actor actor, String channel, String cardId) {
        Optional<StoredCard> card = store.card(cardId);
        if (card.isEmpty()) {
            return new Refused("The bot no longer knows this card; paste the link again to get a fresh one.");
        }
        if (authorizer.authorize(actor, ACTION) instanceof Authorizer.Denied denied) {
            record(actor, channel, "card " + cardId, "denied", denied.reason());
            return new Refused(denied.reason());
        }
        // Pending confirmations share the rerun table; the prefix keeps a rerun's token from confirming a ticket.
        PendingRerun pending = new PendingRerun(PENDING_PREFIX + attemptIds.get(), actor, cardId,
                clock.instant().plus(confirmWithin));
        store.savePending(pending);
        return new Confirm(pending, card.get());
    }

    /**
     * The user confirmed. Authorization is checked again; the request is audited before the tracker is called (and
     * nothing is filed when the audit log is unavailable).
     *
     * @param signaturesOf the signature keys a stored card shows (the chat layer reads its own card format)
     */
    public List<Filing> confirm(Actor actor, String channel, String pendingId,
            Function<StoredCard, List<String>> signaturesOf) {
        Instant now = clock.instant();
        Optional<PendingRerun> pending = pendingId.startsWith(PENDING_PREFIX) ? store.pending(pendingId, now)
                : Optional.empty();
        Optional<StoredCard> card = pending.flatMap(p -> store.card(p.cardId()));
        if (card.isEmpty()) {
            return List.of(new NotFiled("", "This confirmation expired; click File ticket on the card again."));
        }
        String target = "card " + card.get().id();
        if (!pending.get().proposedTo().equals(actor)) {
            String reason = "This confirmation was opened for someone else; click File ticket yourself.";
            record(actor, channel, target, "denied", reason);
            return List.of(new NotFiled("", reason));
        }
        if (authorizer.authorize(actor, ACTION) instanceof Authorizer.Denied denied) {
            record(actor, channel, target, "denied", denied.reason());
            return List.of(new NotFiled("", denied.reason()));
        }
        List<String> keys = signaturesOf.apply(card.get());
        if (keys.isEmpty()) {
            return List.of(new NotFiled("", "This card has no failure the bot can file a ticket for."));
        }
        List<Filing> filings = new ArrayList<>();
        for (String key : keys) {
            try {
                audit.append(entry(actor, channel, key, "requested", "confirmed by the user"));
            } catch (RuntimeException e) {
                LOG.warn("audit log unavailable; no ticket filed for {}", key, e);
                filings.add(new NotFiled(key, "The audit log is unavailable, so the bot files nothing now; try again later."));
                continue;
            }
            Optional<SignatureInfo> info = store.signature(key);
            Optional<TicketRecord> current = store.ticket(key);
            if (info.isEmpty()) {
                filings.add(new NotFiled(key, "The bot has no record of this failure any more."));
            } else if (current.isPresent() && current.get().filed().isPresent()) {
                filings.add(new AlreadyFiled(key, current.get().ticket()));
            } else if (current.isPresent()) {
                filings.add(new Pending(key, "a ticket is already being filed"));
            } else {
                Duration window = policy.window(info.get().signature().verdict());
                OccurrenceWindow seen = store.occurrences(key, now.minus(window), MAX_LINKS);
                filings.add(file(info.get(), seen, window, 1, actor.user() + " filed it from chat (" + actor.platform()
                        + ")", null, actor, channel));
            }
        }
        return filings;
    }

    private static Actor botActor() {
        return new Actor("bot", "", "pipeline-triage", false);
    }

    /** Outcomes are recorded on a best-effort basis: the tracker already acted, the claim already decides. */
    private void record(Actor actor, String channel, String target, String outcome, String reason) {
        try {
            audit.append(entry(actor, channel, target, outcome, reason));
        } catch (RuntimeException e) {
            LOG.error("audit log unavailable; lost entry: {} {}", outcome, target, e);
        }
    }

    private AuditEntry entry(Actor actor, String channel, String target, String outcome, String reason) {
        return new AuditEntry(clock.instant(), actor.platform(), actor.workspace(), actor.user(), channel, AUDIT_ACTION,
                target, outcome, reason);
    }
}
