package dev.pipelinetriage.chat;

import dev.pipelinetriage.app.FailedRunEvent;
import dev.pipelinetriage.app.LinkTriage;
import dev.pipelinetriage.app.OutageGrouping;
import dev.pipelinetriage.app.OutageGrouping.BannerAction;
import dev.pipelinetriage.app.OutageGrouping.Grouped;
import dev.pipelinetriage.app.WebhookRoutes;
import dev.pipelinetriage.app.port.AuditEntry;
import dev.pipelinetriage.app.port.AuditLog;
import dev.pipelinetriage.app.port.PendingWork;
import dev.pipelinetriage.app.port.WorkItem;
import dev.pipelinetriage.app.port.WebhookMetrics;
import dev.pipelinetriage.domain.Signature;
import dev.pipelinetriage.engine.signature.Signatures;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failure notices from CI webhooks, the same for every chat platform: route the failed run to its channel, keep it
 * as pending work in the shared store (keyed by the failure, so one card per failure across replicas and
 * redeliveries), triage it on a worker and post the card -- or, during an outage, count it on the channel's banner
 * instead. {@link #receive} only routes and records (plus an audit line when it drops a run), so the webhook answers
 * within the provider's timeout. A redelivery of a finished failure is dropped; of one whose instance stopped or
 * crashed before its card, it is taken over and finished (as the sweep of {@link AcknowledgedWork} would); a
 * delivery refused as busy is forgotten, so the provider's retry is processed.
 */
public final class FailureNotices {
    private static final Logger LOG = LoggerFactory.getLogger(FailureNotices.class);
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    /** The kind of pending work a webhook failure is. */
    public static final String KIND = "webhook";

    private final LinkTriage triage;
    private final CardBuilder cards;
    private final CardPublisher publisher;
    private final AcknowledgedWork work;
    private final Workers workers;
    private final Clock clock;
    private final Duration dedupFor;
    private final Map<String, ChatSurface> surfaces;
    private final WebhookRoutes routes;
    private final OutageGrouping outages;
    private final AuditLog audit;
    private final WebhookMetrics metrics;

    /**
     * @param work where each failure is kept until its card is posted (and taken over after a stop or crash)
     * @param dedupFor how long a finished failure is remembered: longer than the providers' redelivery horizon
     * @param surfaces chat platforms by name ({@code slack}, {@code teams})
     */
    public FailureNotices(LinkTriage triage, CardBuilder cards, CardPublisher publisher, AcknowledgedWork work,
            Workers workers, Clock clock, Duration dedupFor, Map<String, ChatSurface> surfaces, WebhookRoutes routes,
            OutageGrouping outages, AuditLog audit, WebhookMetrics metrics) {
        this.triage = Objects.requireNonNull(triage, "triage");
        this.cards = Objects.requireNonNull(cards, "cards");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.work = Objects.requireNonNull(work, "work");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dedupFor = Objects.requireNonNull(dedupFor, "dedupFor");
        this.surfaces = Map.copyOf(surfaces);
        this.routes = Objects.requireNonNull(routes, "routes");
        this.outages = Objects.requireNonNull(outages, "outages");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** What the webhook answers. */
    public sealed interface Reception permits Accepted, Duplicate, Unrouted, Busy {
    }

    /** Work started (new, or taken over from an instance that stopped or crashed before finishing it). */
    public record Accepted(String channel) implements Reception {
    }

    /** A redelivery of a failure whose card is posted, or that another instance is triaging now: nothing to do. */
    public record Duplicate(String reason) implements Reception {
    }

    /** No rule, no default channel, or a channel on a chat platform that is not configured: nothing is posted. */
    public record Unrouted(String reason) implements Reception {
    }

    /** Too much work queued: the provider should deliver again later. */
    public record Busy() implements Reception {
    }

    public Reception receive(FailedRunEvent event) {
        WebhookRoutes.Routed routed = routes.route(event.repository(), event.branch());
        String target = event.failureKey() + (event.branch() == null ? "" : " branch " + event.branch());
        if (routed.channel().isEmpty()) {
            audit(event, "", target, "dropped", routed.reason());
            return new Unrouted(routed.reason());
        }
        WebhookRoutes.ChatChannel channel = routed.channel().get();
        ChatSurface surface = surfaces.get(channel.platform());
        if (surface == null) {
            String why = "routed by " + routed.reason() + " to " + channel.platform() + ", which is not configured";
            audit(event, channel.key(), target, "dropped", why);
            return new Unrouted(why);
        }
        Place place = new Place(channel.platform(), channel.workspace(), channel.channel(), null);
        var enqueued = work.accept(KIND, AcknowledgedWork.key("webhook:" + event.source() + ":failure:", event.failureKey()),
                WorkPayloads.write(new WorkPayloads.Delivery(event, place, channel.key(), routed.reason())));
        WorkItem item = AcknowledgedWork.held(enqueued);
        if (item == null) {
            String why = enqueued instanceof PendingWork.Finished ? "already triaged" : "being triaged";
            LOG.info("dropped redelivery of {} ({})", event.failureKey(), why);
            return new Duplicate(why);
        }
        if (!workers.submit("webhook " + event.failureKey(), () -> work.run(item, () -> notify(item)))) {
            work.notStarted(enqueued);
            return new Busy();
        }
        return new Accepted(channel.key());
    }

    /** Finishes a failure another instance acknowledged and did not finish (it stopped or crashed). */
    public void resume(WorkItem item) {
        notify(item);
    }

    private void notify(WorkItem item) {
        WorkPayloads.Delivery delivery = WorkPayloads.read(item.payload(), WorkPayloads.Delivery.class);
        FailedRunEvent event = delivery.event();
        Place place = delivery.place().place();
        ChatSurface surface = surfaces.get(place.platform());
        String target = event.failureKey() + (event.branch() == null ? "" : " branch " + event.branch());
        if (surface == null) {
            LOG.warn("failure {} was routed to {}, which is no longer configured; dropping it", event.failureKey(),
                    place.platform());
            work.finished(item, dedupFor);
            return;
        }
        if (item.takeovers() == 0) {
            audit(event, delivery.channelKey(), target, "routed", delivery.routedBy());
        }
        if (item.takeovers() > AcknowledgedWork.MAX_TAKEOVERS) {
            LOG.warn("failure {} was taken over {} times without being finished; posting a notice", event.failureKey(),
                    item.takeovers());
            show(item, event, place, surface, notice(event, "The bot could not finish triaging this failure",
                    "It was interrupted several times while triaging it; open the run to see what failed."), null);
            return;
        }
        LinkTriage.Result result;
        try {
            result = triage.triage(event.link());
        } catch (RuntimeException e) {
            LOG.error("triage of {} failed", event.failureKey(), e);
            result = null;
        }
        if (Thread.interrupted()) {
            // A stop whose grace period ran out: the triage may be cut short; another instance finishes the failure.
            LOG.warn("triage of {} interrupted by shutdown; leaving it for another instance to finish", event.failureKey());
            work.giveBack(item);
            return;
        }
        if (result == null) {
            show(item, event, place, surface, notice(event, "The bot failed while triaging this failure",
                    "The error was logged for the bot's maintainers; open the run to see what failed."), null);
            return;
        }
        String channelKey = delivery.channelKey();
        List<Grouped> grouped = new ArrayList<>();
        boolean everyJobGrouped = result instanceof LinkTriage.Triaged t && !t.jobs().isEmpty();
        if (result instanceof LinkTriage.Triaged t) {
            for (LinkTriage.JobOutcome job : t.jobs()) {
                OutageGrouping.Decision decision = job instanceof LinkTriage.Reported r
                        ? decide(channelKey, t, r) : new OutageGrouping.Card();
                if (decision instanceof Grouped g) {
                    grouped.add(g);
                    banner(place, surface, g, ((LinkTriage.Reported) job).report());
                } else {
                    everyJobGrouped = false;
                }
            }
        }
        if (everyJobGrouped) {
            grouped.forEach(g -> metrics.absorbedByBanner());
            LOG.info("{} counted on the outage banner instead of a card", event.failureKey());
            work.finished(item, dedupFor);
            return;
        }
        show(item, event, place, surface, cards.build(UUID.randomUUID().toString(), event.link(), result), result);
    }

    /** Grouping is secondary: when the store cannot count, the job gets its card. */
    private OutageGrouping.Decision decide(String channelKey, LinkTriage.Triaged run, LinkTriage.Reported job) {
        try {
            return Signatures.of(job.report()).map(s -> outages.hit(channelKey, s, jobKey(run, job), clock.instant()))
                    .orElse(new OutageGrouping.Card());
        } catch (RuntimeException e) {
            LOG.error("outage grouping of job {} failed; posting its card", job.job().ref().id(), e);
            return new OutageGrouping.Card();
        }
    }

    /** Posts the card (unless another instance took the failure over meanwhile) and marks the failure finished. */
    private void show(WorkItem item, FailedRunEvent event, Place place, ChatSurface surface, CardView card,
            LinkTriage.Result result) {
        if (!work.stillOurs(item)) {
            LOG.warn("failure {} was taken over by another instance; it posts the card", event.failureKey());
            return;
        }
        if (publisher.publish(surface, place, null, card, result) instanceof Posted.Undelivered u) {
            LOG.warn("card for {} was not delivered: {}", event.failureKey(), u.reason());
        }
        work.finished(item, dedupFor);
    }

    private static CardView notice(FailedRunEvent event, String title, String text) {
        return new CardView(null, CardBuilder.describe(event.link()), null, new CardView.Notice(title, text), List.of(), 0,
                null, null);
    }

    private void banner(Place place, ChatSurface surface, Grouped grouped, dev.pipelinetriage.domain.TriageReport report) {
        Signature signature = Signatures.of(report).orElseThrow();
        switch (grouped.action()) {
            case POST -> {
                Posted posted = surface.showCard(place, null, bannerCard(grouped, signature));
                if (posted instanceof Posted.Delivered d) {
                    metrics.bannerOpened();
                    outages.posted(grouped.banner(), d.messageId()).ifPresent(update -> surface.showCard(place,
                            d.messageId(), bannerCard(update, signature)));
                } else {
                    LOG.warn("outage banner for {} was not delivered: {}", signature.key(),
                            ((Posted.Undelivered) posted).reason());
                }
            }
            case UPDATE -> surface.showCard(place, grouped.banner().messageId(), bannerCard(grouped, signature));
            case NONE -> {
            }
        }
    }

    /** e.g. "37 jobs hit 'Container registry unavailable' since 10:02 UTC". */
    static CardView bannerCard(Grouped grouped, Signature signature) {
        String headline = grouped.count() + " jobs hit '" + signature.summary() + "' since "
                + CLOCK_TIME.format(grouped.banner().since()) + " UTC";
        return new CardView(null, "Possible platform outage", null, new CardView.Notice(headline,
                "The same platform failure keeps repeating in this channel, so the bot counts further jobs here instead "
                        + "of posting a card for each. Rerunning will not help until the platform recovers."),
                List.of(), 0, null, null);
    }

    private static String jobKey(LinkTriage.Triaged run, LinkTriage.Reported job) {
        return job.job().ref().key(run.run().ref().attempt());
    }

    private void audit(FailedRunEvent event, String channel, String target, String outcome, String reason) {
        try {
            audit.append(new AuditEntry(clock.instant(), "webhook", event.source(), "ci:" + event.source(), channel,
                    "webhook-route", target, outcome, reason));
        } catch (RuntimeException e) {
            // Routing is not a privileged action: a failed audit append must not drop the failure notice.
            LOG.error("audit of the route of {} failed", event.failureKey(), e);
        }
    }

}
