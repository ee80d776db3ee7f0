package dev.pipelinetriage.chat;

import dev.pipelinetriage.app.LinkTriage;
import dev.pipelinetriage.app.port.EventClaims;
import dev.pipelinetriage.app.port.StateStore;
import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.app.port.WorkItem;
import dev.pipelinetriage.domain.CiLink;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The conversation around pasted links, the same for every chat platform: drop redeliveries, find the links,
 * answer the request at once, then per link post "Looking at ..." and replace it with the triage card (a triage done
 * within the platform's {@link ChatSurface#placeholderAfter} posts its card alone). Each accepted link is pending work
 * in the store ({@link AcknowledgedWork}) until its card is posted: a paste interrupted by a stop, or left by a crash,
 * is finished by another instance ({@link #resume}), which replaces the placeholder rather than posting anew.
 * {@link #onMessage} does no I/O but the state store (a claim, and a row per link), so adapters can call it on the
 * request thread.
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
    private final EventClaims store;
    private final CardPublisher publisher;
    private final Workers workers;
    private final Clock clock;
    private final Duration dedupFor;
    private final Set<String> allowedChannels;
    private final ChatCommands commands;
    private final TriageMetrics metrics;
    private final List<ChatCommand> actions;
    private final AcknowledgedWork work;

    /**
     * @param dedupFor how long a delivery id is remembered: longer than the platform's redelivery horizon
     * @param allowedChannels channels the bot answers in; empty for every channel it is in
     */
    public TriageConversation(LinkDetector detector, LinkTriage triage, CardBuilder cards, CardCodec codec,
            StateStore store, Workers workers, AcknowledgedWork work, Clock clock, Duration dedupFor,
            Set<String> allowedChannels) {
        this(detector, triage, cards, codec, store, workers, work, clock, dedupFor, allowedChannels, ChatCommands.NONE,
                TriageMetrics.none(), List.of());
    }

    /**
     * @param commands answers commands that are not links ({@code top}), for explicit requests only
     * @param metrics counts redeliveries and times posting
     * @param actions commands with side effects ({@code kb reload}), run on a worker, for explicit requests only
     * @param work where each accepted link is kept until its card is posted (and taken over after a stop or crash)
     */
    public TriageConversation(LinkDetector detector, LinkTriage triage, CardBuilder cards, CardCodec codec,
            StateStore store, Workers workers, AcknowledgedWork work, Clock clock, Duration dedupFor,
            Set<String> allowedChannels, ChatCommands commands, TriageMetrics metrics, List<ChatCommand> actions) {
        this.work = Objects.requireNonNull(work, "work");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.actions = List.copyOf(actions);
        this.detector = Objects.requireNonNull(detector, "detector");
        this.triage = Objects.requireNonNull(triage, "triage");
        this.cards = Objects.requireNonNull(cards, "cards");
        this.store = Objects.requireNonNull(store, "store");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.publisher = new CardPublisher(store, store, codec, clock, this.metrics);
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

    /**
     * Nothing started; tell the asking user {@code text} (only they need to see it).
     *
     * @param declined for a message in passing, the links it refused: the adapter may answer them as configured
     *     (tell the poster, react, or say nothing) and at most once per poster and link; empty otherwise
     */
    public record Hint(ChatText text, List<String> declined) implements Reception {
        public Hint {
            Objects.requireNonNull(text, "text");
            declined = List.copyOf(declined);
        }

        public Hint(ChatText text) {
            this(text, List.of());
        }
    }

    public Reception onMessage(Inbound in, ChatSurface surface) {
        boolean explicit = in.trigger().explicit();
        boolean notifier = in.trigger() == Inbound.Trigger.NOTIFIER;
        // Notifier channels are named in their own setting, which the adapter has already checked.
        if (!notifier && !allowedChannels.isEmpty() && !allowedChannels.contains(in.place().channel())) {
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
                            () -> surface.post(in.place(), action.run(in.from(), in.place(), in.text()))));
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
        if (notifier) {
            return notified(in, found, requestId, surface);
        }
        if (found.links().isEmpty()) {
            if (!explicit) {
                // A broken run link, or a run link on a host the bot does not serve, pasted in passing is told to whoever
                // pasted it (as the adapter is configured to); other pages of a CI host are not.
                return found.refused().isEmpty() ? new Ignored("no CI link")
                        : new Hint(ChatText.of(String.join(" ", found.refusedReasons())),
                                found.refused().stream().map(LinkDetector.Refusal::url).toList());
            }
            List<String> reasons = new ArrayList<>(found.refusedReasons());
            reasons.addAll(found.otherPages());
            String why = reasons.isEmpty()
                    ? "No link to a configured CI instance found. Paste the link of a failed run or job."
                    : String.join(" ", reasons);
            return new Hint(ChatText.of(why));
        }
        List<LinkDetector.Found> started = new ArrayList<>();
        // Each link is kept in the store before the request is answered, so that a stop or crash from here on
        // leaves work another instance finishes rather than a lost paste.
        String delivery = in.deliveryKey() != null ? in.deliveryKey() : UUID.randomUUID().toString();
        for (int i = 0; i < found.links().size(); i++) {
            LinkDetector.Found link = found.links().get(i);
            var enqueued = work.accept(kind(in.place().platform()),
                    AcknowledgedWork.key(in.place().platform() + ":paste:", delivery + ":" + i),
                    WorkPayloads.write(new WorkPayloads.Paste(in.place(), link.link(), requestId)));
            WorkItem item = AcknowledgedWork.held(enqueued);
            if (item == null) {
                started.add(link); // already being done, or done
            } else if (workers.submit("triage " + link.url(), () -> work.run(item, () -> withRequestId(requestId,
                    () -> triageOne(in.place(), link.link(), surface, item))))) {
                started.add(link);
            } else {
                work.notStarted(enqueued);
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
        if (!found.refused().isEmpty()) {
            parts.add(String.join(" ", found.refusedReasons()));
        }
        if (explicit && !found.otherPages().isEmpty()) {
            parts.add(String.join(" ", found.otherPages()));
        }
        return parts.isEmpty() ? null : ChatText.of(String.join(" ", parts));
    }

    /**
     * A CI notifier's message: every link is triaged quietly, and only a failure gets a card, in the notifier
     * message's thread. A notifier also announces started and passed runs and edits its message as the run goes
     * on, so nothing is said for those, and a run attempt gets one card per channel however often it is announced.
     */
    private Reception notified(Inbound in, LinkDetector.Detection found, String requestId, ChatSurface surface) {
        int started = 0;
        for (LinkDetector.Found link : found.links()) {
            if (workers.submit("notifier triage " + link.url(), () -> withRequestId(requestId,
                    () -> explainFailure(in.place(), link, surface)))) {
                started++;
            }
        }
        return started == 0 ? new Ignored("no CI link") : new Accepted(started);
    }

    private void explainFailure(Place place, LinkDetector.Found link, ChatSurface surface) {
        LinkTriage.Result result = triage.triage(link.url());
        if (!(result instanceof LinkTriage.Triaged triaged) || triaged.jobs().isEmpty()) {
            LOG.info("notifier link {} shows no failure to explain", link.url());
            return;
        }
        // Claimed only once there is a failure: an earlier "running" announcement of the same run must not use it up.
        var run = triaged.run().ref();
        String key = place.platform() + ":notifier:" + place.workspace() + ":" + place.channel() + ":" + run.key();
        if (!store.claimEvent(key, clock.instant(), dedupFor)) {
            LOG.info("notifier run {} already has its card in this channel", link.url());
            metrics.duplicateEvent();
            return;
        }
        CardView card = cards.build(UUID.randomUUID().toString(), link.link(), triaged);
        if (publisher.publish(surface, place, null, card, triaged) instanceof Posted.Undelivered u) {
            LOG.warn("card for notifier link {} was not delivered: {}", link.url(), u.reason());
        }
    }

    private static void withRequestId(String requestId, Runnable work) {
        if (requestId == null) {
            work.run();
            return;
        }
        MDC.put(REQUEST_ID, requestId);
        try {
            work.run();
        } finally {
            MDC.remove(REQUEST_ID);
        }
    }

    /** The kind of pending work a paste on {@code place}'s platform is: only that platform can finish it. */
    public static String kind(String platform) {
        return "paste:" + platform;
    }

    /**
     * Finishes a paste another instance acknowledged and did not finish (it stopped or crashed): its placeholder, if
     * one was posted, is replaced by the card; otherwise the card is posted as for a new paste.
     *
     * @param surface the platform the paste was made on
     */
    public void resume(WorkItem item, ChatSurface surface) {
        WorkPayloads.Paste paste = WorkPayloads.read(item.payload(), WorkPayloads.Paste.class);
        withRequestId(paste.requestId(), () -> triageOne(paste.place().place(), paste.link().link(), surface, item));
    }

    private void triageOne(Place place, CiLink link, ChatSurface surface, WorkItem item) {
        if (item.takeovers() > AcknowledgedWork.MAX_TAKEOVERS) {
            LOG.warn("paste {} was taken over {} times without being finished; answering with a notice", item.id(),
                    item.takeovers());
            showAndFinish(place, link, surface, item, item.placeholder(), notice(link, "The bot could not finish this "
                    + "link", "It was interrupted several times while triaging it. Paste the link again to retry."), null);
            return;
        }
        // The placeholder is posted alongside the triage, not before it: a platform paces posts to one channel (Slack
        // about one a second), and a busy channel's queue of placeholders must not hold back the triage itself.
        // Its own virtual thread, part of this task: a worker slot could be refused (busy, or shutting down). Where
        // the platform asks for it, it is posted only if the triage is not done by then. Work taken over from another
        // instance keeps the placeholder that instance posted.
        CompletableFuture<Posted> placeholder = new CompletableFuture<>();
        CompletableFuture<Void> triaged = new CompletableFuture<>();
        Thread poster = null;
        if (item.placeholder() != null) {
            placeholder.complete(new Posted.Delivered(item.placeholder()));
        } else {
            ChatText looking = ChatText.of("Looking at " + CardBuilder.describe(link) + "...");
            String requestId = MDC.get(REQUEST_ID);
            poster = Thread.ofVirtual().name("placeholder").start(() -> withRequestId(requestId, () -> {
                try {
                    Posted posted = doneWithin(triaged, surface.placeholderAfter())
                            ? new Posted.Undelivered("not posted: the card was ready first")
                            : surface.post(place, looking);
                    placeholder.complete(posted);
                    if (posted instanceof Posted.Delivered d) {
                        work.placeholder(item, d.messageId()); // whoever finishes the paste replaces this one
                    }
                } catch (InterruptedException e) {
                    placeholder.complete(new Posted.Undelivered("not posted: shutting down"));
                } catch (RuntimeException e) {
                    LOG.error("placeholder for {} failed", CardBuilder.describe(link), e);
                    placeholder.complete(new Posted.Undelivered("placeholder failed: " + e.getClass().getSimpleName()));
                }
            }));
        }
        String cardId = UUID.randomUUID().toString();
        CardView card;
        LinkTriage.Result result;
        try {
            result = triage.triage(link);
            card = cards.build(cardId, link, result);
        } catch (RuntimeException e) {
            LOG.error("triage of {} failed", CardBuilder.describe(link), e);
            metrics.handlerError("triage");
            card = notice(link, "The bot failed while triaging this link", "The error was logged for the bot's "
                    + "maintainers; try again later.");
            result = null;
        }
        // Interrupted by a shutdown whose grace period ran out: whatever the triage produced may be cut short. The
        // paste goes back to the store with its placeholder, for another instance (or this one, restarted) to finish;
        // the flag is cleared so that the store can still be told.
        if (Thread.interrupted()) {
            LOG.warn("triage of {} interrupted by shutdown; leaving it for another instance to finish",
                    CardBuilder.describe(link));
            if (poster != null) {
                poster.interrupt(); // a placeholder still waiting for its turn gives up
            }
            placeholder.join();
            work.giveBack(item);
            return;
        }
        triaged.complete(null);
        String replacing = placeholder.join() instanceof Posted.Delivered d ? d.messageId() : null;
        showAndFinish(place, link, surface, item, replacing, card, result);
    }

    /** Posts the card (unless another instance took the paste over meanwhile) and marks the paste finished. */
    private void showAndFinish(Place place, CiLink link, ChatSurface surface, WorkItem item, String replacing,
            CardView card, LinkTriage.Result result) {
        if (!work.stillOurs(item)) {
            LOG.warn("paste {} was taken over by another instance; it posts the card", item.id());
            return;
        }
        Posted shown = publisher.publish(surface, place, replacing, card, result);
        if (shown instanceof Posted.Undelivered u) {
            LOG.warn("card for {} was not delivered: {}", CardBuilder.describe(link), u.reason());
        }
        // A paste is kept only until its card is up: the platform's own redelivery is recognised by its event claim.
        work.finished(item, Duration.ZERO);
    }

    /** Whether {@code done} completes within {@code wait}; at once false for no wait. */
    private static boolean doneWithin(CompletableFuture<Void> done, Duration wait) throws InterruptedException {
        if (wait.isZero() || wait.isNegative()) {
            return false;
        }
        try {
            done.get(wait.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    private static CardView notice(CiLink link, String title, String text) {
        return new CardView(null, CardBuilder.describe(link), null, new CardView.Notice(title, text), List.of(), 0,
                null, null);
    }

}
