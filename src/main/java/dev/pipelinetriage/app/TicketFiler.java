package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.AuditEntry;
import dev.pipelinetriage.app.port.AuditLog;
import dev.pipelinetriage.app.port.OccurrenceStore;
import dev.pipelinetriage.app.port.OccurrenceWindow;
import dev.pipelinetriage.app.port.SignatureInfo;
import dev.pipelinetriage.app.port.TicketClaim;
import dev.pipelinetriage.app.port.TicketClaims;
import dev.pipelinetriage.app.port.TicketDraft;
import dev.pipelinetriage.app.port.TicketRecord;
import dev.pipelinetriage.app.port.TicketRef;
import dev.pipelinetriage.app.port.TicketTracker;
import dev.pipelinetriage.app.port.TrackerResult;
import dev.pipelinetriage.engine.redact.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files one problem's ticket exactly once, over one tracker: the signature's ticket generation is claimed in the
 * store first (a unique key, so one replica wins), the tracker is called, then the ticket's key is recorded. A
 * crash or an unknown outcome between the two leaves the claim pending for {@link TicketReconciler}. Automatic
 * filing ({@link AutomaticTickets}), recovery and filing from chat ({@link ChatTickets}) all go through here, so
 * the tracker and its token are set up once.
 */
public final class TicketFiler {
    private static final Logger LOG = LoggerFactory.getLogger(TicketFiler.class);
    private static final String AUDIT_ACTION = "ticket";
    private static final int MAX_LINKS = 10;

    private final OccurrenceStore occurrences;
    private final TicketClaims claims;
    private final TicketTracker tracker;
    private final AuditLog audit;
    private final TicketPolicy policy;
    private final TicketContent content;
    private final Clock clock;
    private final Supplier<String> attemptIds;

    /** @param attemptIds unique ids for claims (random UUIDs in production) */
    public TicketFiler(OccurrenceStore occurrences, TicketClaims claims, TicketTracker tracker, AuditLog audit,
            TicketPolicy policy, Redactor redactor, Clock clock, Supplier<String> attemptIds) {
        this.occurrences = Objects.requireNonNull(occurrences, "occurrences");
        this.claims = Objects.requireNonNull(claims, "claims");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.content = new TicketContent(Objects.requireNonNull(redactor, "redactor"), policy);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.attemptIds = Objects.requireNonNull(attemptIds, "attemptIds");
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

    /** What filing a ticket is about: the signature, its recent occurrences and the window they were counted in. */
    record Subject(SignatureInfo info, OccurrenceWindow seen, Duration window) {
        String key() {
            return info.signature().key();
        }
    }

    /** The signature's occurrences in its verdict's window, up to now. */
    Subject subject(SignatureInfo info) {
        Duration window = policy.window(info.signature().verdict());
        return new Subject(info, occurrences.occurrences(info.signature().key(), clock.instant().minus(window), MAX_LINKS),
                window);
    }

    TicketPolicy policy() {
        return policy;
    }

    Clock clock() {
        return clock;
    }

    String newAttemptId() {
        return attemptIds.get();
    }

    String trackerName() {
        return tracker.name();
    }

    TrackerResult<java.util.List<TicketRef>> findByLabel(String label) {
        return tracker.findByLabel(label);
    }

    /** Claim, create, record. Only the claim's winner calls the tracker. */
    Filing file(Subject subject, int generation, String why, TicketRef previous, Actor actor, String channel) {
        String key = subject.key();
        String attempt = attemptIds.get();
        switch (claims.claimTicket(key, generation, attempt, clock.instant())) {
            case TicketClaim.Held held -> {
                return held.record().filed().<Filing>map(t -> new AlreadyFiled(key, t))
                        .orElseGet(() -> new Pending(key, "another request is filing it"));
            }
            case TicketClaim.Claimed claimed -> {
            }
        }
        return create(subject, generation, attempt, why, previous, actor, channel);
    }

    /** Creates the ticket of a claim {@code attempt} holds and records it; a failure leaves the claim pending. */
    Filing create(Subject subject, int generation, String attempt, String why, TicketRef previous, Actor actor,
            String channel) {
        String key = subject.key();
        TicketDraft draft = content.draft(subject.info(), subject.seen(), subject.window(), generation, why, previous);
        return switch (tracker.create(draft)) {
            case TrackerResult.Ok<TicketRef> ok -> {
                adopt(key, generation, attempt, ok.value(), actor, channel, "filed");
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

    /** Records a ticket the tracker has (just created, or found by its label) on the claim {@code attempt} holds. */
    void adopt(String key, int generation, String attempt, TicketRef ticket, Actor actor, String channel, String outcome) {
        Instant now = clock.instant();
        if (!claims.recordTicket(key, generation, attempt, ticket)) {
            // Only after a takeover, i.e. a call slower than reconcileAfter; the label lets people find both.
            LOG.error("{} was created for {} but the claim was taken over meanwhile", ticket.key(), key);
        }
        claims.claimComment(key, generation, now, now);
        record(actor, channel, key, outcome, ticket.key());
    }

    /** Comments on an open ticket; a closed one is reopened or followed by a new one, as configured. */
    void followUp(Subject subject, TicketRecord record, String opening) {
        TicketRef ticket = record.ticket();
        switch (tracker.isOpen(ticket)) {
            case TrackerResult.Failed<Boolean> f -> LOG.warn("cannot tell whether {} is open: {}", ticket.key(), f.message());
            case TrackerResult.Ok<Boolean> open when open.value() -> comment(ticket, subject, opening);
            case TrackerResult.Ok<Boolean> closed -> {
                switch (policy.reopen()) {
                    case REOPEN -> {
                        if (tracker.reopen(ticket) instanceof TrackerResult.Failed<TicketRef> f) {
                            LOG.warn("reopening {} failed: {}", ticket.key(), f.message());
                            return;
                        }
                        record(bot(), "", subject.key(), "reopened", ticket.key());
                        comment(ticket, subject, "Reopened by Pipeline Triage: the failure keeps happening.");
                    }
                    case NEW -> file(subject, record.generation() + 1, "the failure kept happening after "
                            + ticket.key() + " was closed", ticket, bot(), "");
                }
            }
        }
    }

    private void comment(TicketRef ticket, Subject subject, String opening) {
        if (tracker.comment(ticket, content.summary(subject.info(), subject.seen(), subject.window(), opening))
                instanceof TrackerResult.Failed<TicketRef> f) {
            LOG.warn("comment on {} failed: {}", ticket.key(), f.message());
        }
    }

    /** The actor of what the bot does on its own. */
    static Actor bot() {
        return new Actor("bot", "", "pipeline-triage", false);
    }

    /** Appends to the audit log, or throws when it is unavailable: for what must not happen unaudited. */
    void audit(Actor actor, String channel, String target, String outcome, String reason) {
        audit.append(entry(actor, channel, target, outcome, reason));
    }

    /** Outcomes are recorded on a best-effort basis: the tracker already acted, the claim already decides. */
    void record(Actor actor, String channel, String target, String outcome, String reason) {
        audit.appendBestEffort(entry(actor, channel, target, outcome, reason));
    }

    private AuditEntry entry(Actor actor, String channel, String target, String outcome, String reason) {
        return new AuditEntry(clock.instant(), actor.platform(), actor.workspace(), actor.user(), channel, AUDIT_ACTION,
                target, outcome, reason);
    }
}
