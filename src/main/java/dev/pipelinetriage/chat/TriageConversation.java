package dev.pipelinetriage.chat;

import dev.pipelinetriage.app.LinkTriage;
import dev.pipelinetriage.app.port.ChatRef;
import dev.pipelinetriage.app.port.StateStore;
import dev.pipelinetriage.app.port.StoredCard;
import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.app.port.TriageMetrics.Stage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The conversation around pasted links, the same for every chat platform: drop redeliveries, find the links,
 * answer the request at once, then per link post "Looking at ..." and replace it with the triage card.
 * {@link #onMessage} does no I/O but one state-store claim, so adapters can call it on the request thread.
 * Every log line written while a link is handled carries its request id ({@value #REQUEST_ID} in the MDC), so
 * fetch, analysis and post of one event can be followed.
 */
public final class TriageConversation {
    private static final Logger LOG = LoggerFactory.getLogger(TriageConversation.class);
    /** The MDC key of the id that follows one request through fetch, analysis and post. */
    public static final String REQUEST_ID = "requestId";

    private final LinkDetector detector;
    private final LinkTriage triage;
    private final CardBuilder cards;
    private final CardCodec codec;
    private final StateStore store;
    private final Workers workers;
    private final Clock clock;
    private final Duration dedupFor;
    private final Set<String> allowedChannels;
    private final ChatCommands commands;
    private final TriageMetrics metrics;
    private final List<ChatCommand> actions;

    /**
     * @param dedupFor how long a delivery id is remembered: longer than the platform's redelivery horizon
     * @param allowedChannels channels the bot answers in; empty for every channel it is in
     */
    public TriageConversation(LinkDetector detector, LinkTriage triage, CardBuilder cards, CardCodec codec,
            StateStore store, Workers workers, Clock clock, Duration dedupFor, Set<String> allowedChannels) {
        this(detector, triage, cards, codec, store, workers, clock, dedupFor, allowedChannels, ChatCommands.NONE);
    }

    /** @param commands answers commands that are not links ({@code top}), for explicit requests only */
    public TriageConversation(LinkDetector detector, LinkTriage triage, CardBuilder cards, CardCodec codec,
            StateStore store, Workers workers, Clock clock, Duration dedupFor, Set<String> allowedChannels,
            ChatCommands commands) {
        this(detector, triage, cards, codec, store, workers, clock, dedupFor, allowedChannels, commands,
                TriageMetrics.none(), List.of());
    }

    /**
     * @param commands answers commands that are not links ({@code top}), for explicit requests only
     * @param metrics counts redeliveries and times posting
     * @param actions commands with side effects ({@code kb reload}), run on a worker, for explicit requests only
     */
    public TriageConversation(LinkDetector detector, LinkTriage triage, CardBuilder cards, CardCodec codec,
            StateStore store, Workers workers, Clock clock, Duration dedupFor, Set<String> allowedChannels,
            ChatCommands commands, TriageMetrics metrics, List<ChatCommand> actions) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.actions = List.copyOf(actions);
        this.detector = Objects.requireNonNull(detector, "detector");
        this.triage = Objects.requireNonNull(triage, "triage");
        this.cards = Objects.requireNonNull(cards, "cards");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.store = Objects.requireNonNull(store, "store");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dedupFor = Objects.requireNonNull(dedupFor, "dedupFor");
        this.allowedChannels = Set.copyOf(allowedChannels);
        this.commands = Objects.requireNonNull(commands, "commands");
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
            metrics.duplicateEvent();
            return new Ignored("redelivery");
        }
        String requestId = in.deliveryKey() != null ? in.deliveryKey() : UUID.randomUUID().toString();
        if (explicit) {
            for (ChatCommand action : actions) {
                if (action.matches(in.text())) {
                    boolean started = workers.submit("command", () -> withRequestId(requestId,
                            () -> surface.post(in.place(), action.run(in.from(), in.place()))));
                    return started ? new Accepted(0)
                            : new Hint(ChatText.of("The bot is busy right now; try again in a minute."));
                }
            }
        }
        if (in.trigger() == Inbound.Trigger.COMMAND) {
            var answer = commands.answer(in.text());
            if (answer.isPresent()) {
                return new Hint(answer.get());
            }
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
            if (workers.submit("triage " + link.url(), () -> withRequestId(requestId,
                    () -> triageOne(in.place(), link, surface)))) {
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

    private static void withRequestId(String requestId, Runnable work) {
        MDC.put(REQUEST_ID, requestId);
        try {
            work.run();
        } finally {
            MDC.remove(REQUEST_ID);
        }
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
            card = notice(link, "The bot failed while triaging this link", "The error was logged for the bot's "
                    + "maintainers; try again later.");
            result = null;
        }
        // Interrupted by a shutdown whose grace period ran out: whatever the triage produced may be cut short, so
        // the placeholder gets a clear last word instead. The flag is cleared so that this one post can go out.
        if (Thread.interrupted()) {
            LOG.warn("triage of {} interrupted by shutdown; telling the thread to paste it again", link.url());
            card = notice(link, "The bot restarted before it finished this link", "Paste the link again to triage it.");
            result = null;
        }
        boolean keep = card.hasActions() && result instanceof LinkTriage.Triaged;
        if (keep && replacing != null) {
            save(place, replacing, card, (LinkTriage.Triaged) result);
        }
        CardView finalCard = card;
        Posted shown = metrics.time(Stage.POST, () -> surface.showCard(place, replacing, finalCard));
        if (keep && replacing == null && shown instanceof Posted.Delivered d) {
            save(place, d.messageId(), card, (LinkTriage.Triaged) result);
        }
        if (shown instanceof Posted.Undelivered u) {
            LOG.warn("card for {} was not delivered: {}", link.url(), u.reason());
        }
    }

    private static CardView notice(LinkDetector.Found link, String title, String text) {
        return new CardView(null, CardBuilder.describe(link.link()), null, new CardView.Notice(title, text), List.of(), 0,
                null, null);
    }

    private void save(Place place, String messageId, CardView card, LinkTriage.Triaged result) {
        List<String> failedJobs = result.jobs().stream().map(j -> j.job().ref().name()).toList();
        store.saveCard(new StoredCard(card.cardId(), new ChatRef(place.platform(), place.workspace(), place.channel(),
                messageId), result.run().ref(), card.verdict(), failedJobs, codec.encode(card), clock.instant()));
    }
}
