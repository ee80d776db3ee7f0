package dev.pipelinetriage.chat;

import dev.pipelinetriage.app.LinkTriage;
import dev.pipelinetriage.app.port.ChatRef;
import dev.pipelinetriage.app.port.StateStore;
import dev.pipelinetriage.app.port.StoredCard;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation around pasted links, the same for every chat platform: drop redeliveries, find the links,
 * answer the request at once, then per link post "Looking at ..." and replace it with the triage card.
 * {@link #onMessage} does no I/O but one state-store claim, so adapters can call it on the request thread.
 */
public final class TriageConversation {
    private static final Logger LOG = LoggerFactory.getLogger(TriageConversation.class);

    private final LinkDetector detector;
    private final LinkTriage triage;
    private final CardBuilder cards;
    private final CardCodec codec;
    private final StateStore store;
    private final Workers workers;
    private final Clock clock;
    private final Duration dedupFor;
    private final Set<String> allowedChannels;

    /**
     * @param dedupFor how long a delivery id is remembered: longer than the platform's redelivery horizon
     * @param allowedChannels channels the bot answers in; empty for every channel it is in
     */
    public TriageConversation(LinkDetector detector, LinkTriage triage, CardBuilder cards, CardCodec codec,
            StateStore store, Workers workers, Clock clock, Duration dedupFor, Set<String> allowedChannels) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.triage = Objects.requireNonNull(triage, "triage");
        this.cards = Objects.requireNonNull(cards, "cards");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.store = Objects.requireNonNull(store, "store");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dedupFor = Objects.requireNonNull(dedupFor, "dedupFor");
        this.allowedChannels = Set.copyOf(allowedChannels);
    }

    /** What the adapter should answer the request with. */
    public sealed interface Reception {
    }

    /** Work started for {@code links} links. */
    public record Accepted(int links) implements Reception {
    }

    /** Nothing to do and nothing to say (a redelivery, a message without CI links, a channel not watched). */
    public record Ignored(String why) implements Reception {
    }

    /** Nothing started; tell the asking user {@code text} (only they need to see it). */
    public record Hint(ChatText text) implements Reception {
    }

    public Reception onMessage(Inbound in, ChatSurface surface) {
        boolean explicit = in.trigger().explicit();
        if (!allowedChannels.isEmpty() && !allowedChannels.contains(in.place().channel())) {
            return explicit ? new Hint(ChatText.of("The bot does not triage links in this channel; ask in one of the "
                    + "configured support channels.")) : new Ignored("channel not watched");
        }
        if (in.deliveryKey() != null
                && !store.claimEvent(in.place().platform() + ":" + in.deliveryKey(), clock.instant(), dedupFor)) {
            LOG.info("dropped redelivery {}", in.deliveryKey());
            return new Ignored("redelivery");
        }
        LinkDetector.Detection found = detector.detect(in.text());
        if (found.links().isEmpty()) {
            if (!explicit) {
                return new Ignored("no CI link");
            }
            String why = found.refused().isEmpty()
                    ? "No link to a configured CI instance found. Paste the link of a failed run or job."
                    : String.join(" ", found.refused());
            return new Hint(ChatText.of(why));
        }
        List<LinkDetector.Found> started = new ArrayList<>();
        for (LinkDetector.Found link : found.links()) {
            if (workers.submit("triage " + link.url(), () -> triageOne(in.place(), link, surface))) {
                started.add(link);
            }
        }
        ChatText note = note(found, explicit, found.links().size() - started.size());
        if (note != null) {
            workers.submit("note", () -> surface.post(in.place(), note));
        }
        if (started.isEmpty()) {
            return new Hint(ChatText.of("The bot is busy with many links right now; try again in a minute."));
        }
        return new Accepted(started.size());
    }

    /** Links the bot will not look at are named, never dropped silently. */
    private ChatText note(LinkDetector.Detection found, boolean explicit, int busy) {
        List<String> parts = new ArrayList<>();
        if (!found.overLimit().isEmpty()) {
            parts.add("The bot triages at most " + detector.maxLinks() + " links per message; not triaged: "
                    + String.join(", ", found.overLimit()) + ".");
        }
        if (busy > 0) {
            parts.add(busy + " link(s) were not triaged because the bot is busy; paste them again in a minute.");
        }
        if (explicit && !found.refused().isEmpty()) {
            parts.add(String.join(" ", found.refused()));
        }
        return parts.isEmpty() ? null : ChatText.of(String.join(" ", parts));
    }

    private void triageOne(Place place, LinkDetector.Found link, ChatSurface surface) {
        Posted placeholder = surface.post(place, ChatText.of("Looking at " + CardBuilder.describe(link.link()) + "..."));
        String replacing = placeholder instanceof Posted.Delivered d ? d.messageId() : null;
        String cardId = UUID.randomUUID().toString();
        CardView card;
        LinkTriage.Result result;
        try {
            result = workers.bounded(() -> triage.triage(link.url()));
            card = cards.build(cardId, link.link(), result);
        } catch (RuntimeException e) {
            LOG.error("triage of {} failed", link.url(), e);
            card = new CardView(null, CardBuilder.describe(link.link()), null, new CardView.Notice(
                    "The bot failed while triaging this link", "The error was logged for the bot's maintainers; try "
                    + "again later."), List.of(), 0, null, null);
            result = null;
        }
        boolean keep = card.hasActions() && result instanceof LinkTriage.Triaged;
        if (keep && replacing != null) {
            save(place, replacing, card, (LinkTriage.Triaged) result);
        }
        Posted shown = surface.showCard(place, replacing, card);
        if (keep && replacing == null && shown instanceof Posted.Delivered d) {
            save(place, d.messageId(), card, (LinkTriage.Triaged) result);
        }
        if (shown instanceof Posted.Undelivered u) {
            LOG.warn("card for {} was not delivered: {}", link.url(), u.reason());
        }
    }

    private void save(Place place, String messageId, CardView card, LinkTriage.Triaged result) {
        List<String> failedJobs = result.jobs().stream().map(j -> j.job().ref().name()).toList();
        store.saveCard(new StoredCard(card.cardId(), new ChatRef(place.platform(), place.workspace(), place.channel(),
                messageId), result.run().ref(), card.verdict(), failedJobs, codec.encode(card), clock.instant()));
    }
}
