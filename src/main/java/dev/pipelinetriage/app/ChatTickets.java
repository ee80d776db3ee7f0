package dev.pipelinetriage.app;

import dev.pipelinetriage.app.TicketFiler.AlreadyFiled;
import dev.pipelinetriage.app.TicketFiler.Filing;
import dev.pipelinetriage.app.TicketFiler.NotFiled;
import dev.pipelinetriage.app.TicketFiler.Pending;
import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.Authorizer;
import dev.pipelinetriage.app.port.CardStore;
import dev.pipelinetriage.app.port.OccurrenceStore;
import dev.pipelinetriage.app.port.PendingRerun;
import dev.pipelinetriage.app.port.SignatureInfo;
import dev.pipelinetriage.app.port.StoredCard;
import dev.pipelinetriage.app.port.TicketClaims;
import dev.pipelinetriage.app.port.TicketRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Filing a ticket from a card: propose -> authorize -> confirm -> audit -> file, like a rerun. One instance per
 * chat platform (each has its own authorizer), all over the one {@link TicketFiler}.
 */
public final class ChatTickets {
    /** Reads in the authorizer's words: "only on-call engineers may file tickets for jobs from chat". */
    public static final String ACTION = "file tickets for";
    private static final String PENDING_PREFIX = "ticket:";
    private static final Logger LOG = LoggerFactory.getLogger(ChatTickets.class);

    private final CardStore cards;
    private final OccurrenceStore occurrences;
    private final TicketClaims claims;
    private final TicketFiler filer;
    private final Authorizer authorizer;
    private final Duration confirmWithin;

    public ChatTickets(CardStore cards, OccurrenceStore occurrences, TicketClaims claims, TicketFiler filer,
            Authorizer authorizer, Duration confirmWithin) {
        this.cards = Objects.requireNonNull(cards, "cards");
        this.occurrences = Objects.requireNonNull(occurrences, "occurrences");
        this.claims = Objects.requireNonNull(claims, "claims");
        this.filer = Objects.requireNonNull(filer, "filer");
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        this.confirmWithin = Objects.requireNonNull(confirmWithin, "confirmWithin");
    }

    public sealed interface Proposal permits Confirm, Refused {
    }

    /** Ask the user to confirm; {@code pending.id()} is all the dialog carries. */
    public record Confirm(PendingRerun pending, StoredCard card) implements Proposal {
    }

    public record Refused(String reason) implements Proposal {
    }

    public Proposal propose(Actor actor, String channel, String cardId) {
        Optional<StoredCard> card = cards.card(cardId);
        if (card.isEmpty()) {
            return new Refused("The bot no longer knows this card; paste the link again to get a fresh one.");
        }
        if (authorizer.authorize(actor, ACTION) instanceof Authorizer.Denied denied) {
            filer.record(actor, channel, "card " + cardId, "denied", denied.reason());
            return new Refused(denied.reason());
        }
        // Pending confirmations share the rerun table; the prefix keeps a rerun's token from confirming a ticket.
        PendingRerun pending = new PendingRerun(PENDING_PREFIX + filer.newAttemptId(), actor, cardId,
                filer.clock().instant().plus(confirmWithin));
        cards.savePending(pending);
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
        Instant now = filer.clock().instant();
        Optional<PendingRerun> pending = pendingId.startsWith(PENDING_PREFIX) ? cards.pending(pendingId, now)
                : Optional.empty();
        Optional<StoredCard> card = pending.flatMap(p -> cards.card(p.cardId()));
        if (card.isEmpty()) {
            return List.of(new NotFiled("", "This confirmation expired; click File ticket on the card again."));
        }
        String target = "card " + card.get().id();
        if (!pending.get().proposedTo().equals(actor)) {
            String reason = "This confirmation was opened for someone else; click File ticket yourself.";
            filer.record(actor, channel, target, "denied", reason);
            return List.of(new NotFiled("", reason));
        }
        if (authorizer.authorize(actor, ACTION) instanceof Authorizer.Denied denied) {
            filer.record(actor, channel, target, "denied", denied.reason());
            return List.of(new NotFiled("", denied.reason()));
        }
        List<String> keys = signaturesOf.apply(card.get());
        if (keys.isEmpty()) {
            return List.of(new NotFiled("", "This card has no failure the bot can file a ticket for."));
        }
        List<Filing> filings = new ArrayList<>();
        for (String key : keys) {
            filings.add(file(actor, channel, key));
        }
        return filings;
    }

    private Filing file(Actor actor, String channel, String key) {
        try {
            filer.audit(actor, channel, key, "requested", "confirmed by the user");
        } catch (RuntimeException e) {
            LOG.warn("audit log unavailable; no ticket filed for {}", key, e);
            return new NotFiled(key, "The audit log is unavailable, so the bot files nothing now; try again later.");
        }
        Optional<SignatureInfo> info = occurrences.signature(key);
        Optional<TicketRecord> current = claims.ticket(key);
        if (info.isEmpty()) {
            return new NotFiled(key, "The bot has no record of this failure any more.");
        }
        if (current.isPresent() && current.get().filed().isPresent()) {
            return new AlreadyFiled(key, current.get().ticket());
        }
        if (current.isPresent()) {
            return new Pending(key, "a ticket is already being filed");
        }
        return filer.file(filer.subject(info.get()), 1, actor.user() + " filed it from chat (" + actor.platform() + ")",
                null, actor, channel);
    }
}
