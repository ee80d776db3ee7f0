package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.AuditEntry;
import dev.pipelinetriage.app.port.AuditLog;
import dev.pipelinetriage.app.port.Authorizer;
import dev.pipelinetriage.app.port.CiProblem;
import dev.pipelinetriage.app.port.CiProvider;
import dev.pipelinetriage.app.port.PendingRerun;
import dev.pipelinetriage.app.port.RerunClaim;
import dev.pipelinetriage.app.port.RerunResult;
import dev.pipelinetriage.app.port.CardStore;
import dev.pipelinetriage.app.port.RerunClaims;
import dev.pipelinetriage.app.port.StoredCard;
import dev.pipelinetriage.domain.RunRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rerunning a card's failed jobs: propose -> authorize -> confirm -> act -> audit. Authorization is checked at
 * both steps (membership may change in between, and a confirmation may be forged); the run attempt's
 * idempotency key makes a double click rerun once; the audit record of the request is written before the CI is
 * called, and when it cannot be written nothing is started.
 */
public final class RerunService {
    public static final String ACTION = "rerun";
    private static final Logger LOG = LoggerFactory.getLogger(RerunService.class);

    private final List<CiProvider> providers;
    private final Authorizer authorizer;
    private final CardStore cards;
    private final RerunClaims claims;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration confirmWithin;

    public RerunService(List<CiProvider> providers, Authorizer authorizer, CardStore cards, RerunClaims claims, AuditLog audit, Clock clock,
            Duration confirmWithin) {
        this.providers = List.copyOf(providers);
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        this.cards = Objects.requireNonNull(cards, "cards");
        this.claims = Objects.requireNonNull(claims, "claims");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.confirmWithin = Objects.requireNonNull(confirmWithin, "confirmWithin");
    }

    public sealed interface Proposal permits Confirm, Refused {
    }

    /** Ask the user to confirm: {@code pending.id()} is all the confirmation form carries. */
    public record Confirm(PendingRerun pending, StoredCard card) implements Proposal {
    }

    public sealed interface Outcome permits Started, Refused, AlreadyRequested, Failed {
    }

    public record Started(StoredCard card, String link, boolean alreadyExisted, Actor by, Instant at) implements Outcome {
    }

    /** Not attempted: denied, expired, unknown card, audit unavailable. {@code reason} is for the user. */
    public record Refused(String reason) implements Proposal, Outcome {
    }

    public record AlreadyRequested(StoredCard card, String user, Instant at, Optional<String> link) implements Outcome {
    }

    /** The CI refused or failed; {@code reason} is the provider's message for people (never a secret). */
    public record Failed(StoredCard card, String reason) implements Outcome {
    }

    public Proposal propose(Actor actor, String channel, String cardId) {
        Optional<StoredCard> card = cards.card(cardId);
        if (card.isEmpty()) {
            return new Refused("The bot no longer knows this card; paste the link again to get a fresh one.");
        }
        String target = target(card.get().run());
        if (authorizer.authorize(actor, ACTION) instanceof Authorizer.Denied denied) {
            record(actor, channel, target, "denied", denied.reason());
            return new Refused(denied.reason());
        }
        PendingRerun pending = new PendingRerun(UUID.randomUUID().toString(), actor, cardId, clock.instant().plus(confirmWithin));
        cards.savePending(pending);
        return new Confirm(pending, card.get());
    }

    public Outcome confirm(Actor actor, String channel, String pendingId) {
        Instant now = clock.instant();
        Optional<PendingRerun> pending = cards.pending(pendingId, now);
        if (pending.isEmpty()) {
            return new Refused("This confirmation expired; click Rerun failed jobs on the card again.");
        }
        Optional<StoredCard> found = cards.card(pending.get().cardId());
        if (found.isEmpty()) {
            return new Refused("The bot no longer knows this card; paste the link again to get a fresh one.");
        }
        StoredCard card = found.get();
        String target = target(card.run());
        if (!pending.get().proposedTo().equals(actor)) {
            String reason = "This confirmation was opened for someone else; click Rerun failed jobs yourself.";
            record(actor, channel, target, "denied", reason);
            return new Refused(reason);
        }
        if (authorizer.authorize(actor, ACTION) instanceof Authorizer.Denied denied) {
            record(actor, channel, target, "denied", denied.reason());
            return new Refused(denied.reason());
        }
        String key = idempotencyKey(card.run());
        switch (claims.claimRerun(key, actor.user(), now)) {
            case RerunClaim.AlreadyRequested earlier -> {
                record(actor, channel, target, "duplicate", "already requested by " + earlier.user() + " at " + earlier.at());
                return new AlreadyRequested(card, earlier.user(), earlier.at(), earlier.startedLink());
            }
            case RerunClaim.Claimed claimed -> {
            }
        }
        try {
            audit.append(entry(actor, channel, target, "requested", "confirmed by the user"));
        } catch (RuntimeException e) {
            claims.releaseRerun(key);
            LOG.warn("audit log unavailable; rerun of {} not started", target, e);
            return new Refused("The audit log is unavailable, so the bot starts nothing now; try again later.");
        }
        Optional<CiProvider> provider = providers.stream().filter(p -> p.instance().equals(card.run().instance())).findFirst();
        if (provider.isEmpty()) {
            claims.releaseRerun(key);
            String reason = "CI instance '" + card.run().instance() + "' is no longer configured.";
            record(actor, channel, target, "failed", reason);
            return new Failed(card, reason);
        }
        RerunResult result = provider.get().rerun(new CiProvider.RerunRequest.FailedJobsOf(card.run()));
        return switch (result) {
            case RerunResult.Started started -> {
                claims.completeRerun(key, started.link());
                record(actor, channel, target, "started", started.link());
                yield new Started(card, started.link(), started.alreadyExisted(), actor, now);
            }
            case RerunResult.NotAllowed notAllowed -> {
                claims.releaseRerun(key);
                record(actor, channel, target, "denied", notAllowed.reason());
                yield new Refused(notAllowed.reason());
            }
            case RerunResult.Unsupported unsupported -> {
                claims.releaseRerun(key);
                record(actor, channel, target, "failed", unsupported.reason());
                yield new Failed(card, unsupported.reason());
            }
            case CiProblem problem -> {
                if (!mayHaveStarted(problem)) {
                    claims.releaseRerun(key);
                }
                record(actor, channel, target, "failed", problem.message());
                yield new Failed(card, problem.message());
            }
        };
    }

    /** A timeout or server error leaves the outcome unknown: the claim stays, so nobody starts a second attempt. */
    private static boolean mayHaveStarted(CiProblem problem) {
        return switch (problem) {
            case CiProblem.TimedOut t -> true;
            case CiProblem.ServerError s -> true;
            case CiProblem.Unauthorized u -> false;
            case CiProblem.Forbidden f -> false;
            case CiProblem.NotFound n -> false;
            case CiProblem.Expired e -> false;
            case CiProblem.RateLimited r -> false;
            case CiProblem.Unreachable u -> false;
            case CiProblem.Blocked b -> false;
            case CiProblem.Rejected r -> false;
        };
    }

    static String idempotencyKey(RunRef run) {
        return "rerun:" + run.key();
    }

    static String target(RunRef run) {
        return run.instance() + ":" + run.project() + " run " + run.runId() + " attempt " + run.attempt();
    }

    /** Denials and outcomes after the request row are recorded on a best-effort basis: the decision stands. */
    private void record(Actor actor, String channel, String target, String outcome, String reason) {
        audit.appendBestEffort(entry(actor, channel, target, outcome, reason));
    }

    private AuditEntry entry(Actor actor, String channel, String target, String outcome, String reason) {
        return new AuditEntry(clock.instant(), actor.platform(), actor.workspace(), actor.user(), channel, ACTION, target,
                outcome, reason);
    }
}
