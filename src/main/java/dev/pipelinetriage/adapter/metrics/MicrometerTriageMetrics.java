package dev.pipelinetriage.adapter.metrics;

import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.app.port.WebhookMetrics;
import dev.pipelinetriage.domain.Verdict;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * {@link TriageMetrics} on Micrometer, scraped in the Prometheus text format. Meter names follow Prometheus
 * habits ({@code _total} counters, {@code _seconds} timers); the knowledge-base hit ratio is also offered as a
 * gauge so that a dashboard without PromQL arithmetic can show it.
 */
public final class MicrometerTriageMetrics implements TriageMetrics, WebhookMetrics {
    private final PrometheusMeterRegistry registry;
    private final Map<Stage, Timer> stages = new EnumMap<>(Stage.class);
    private final Map<Verdict, Counter> verdicts = new EnumMap<>(Verdict.class);
    private final Counter matched;
    private final Counter unmatched;
    private final Counter duplicates;
    private final Counter tickets;
    private final AtomicInteger kbLastRefused = new AtomicInteger();

    /** @param clock Micrometer's clock; tests pass a {@code MockClock} */
    public MicrometerTriageMetrics(Clock clock) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
        for (Stage stage : Stage.values()) {
            stages.put(stage, Timer.builder("triage.stage").description("Time spent per triage stage")
                    .tag("stage", stage.label()).publishPercentileHistogram().register(registry));
        }
        for (Verdict verdict : Verdict.values()) {
            verdicts.put(verdict, Counter.builder("triage.verdicts").description("Failed jobs triaged, by verdict")
                    .tag("verdict", verdict.wireName()).register(registry));
        }
        matched = kbCounter("matched");
        unmatched = kbCounter("unmatched");
        Gauge.builder("triage.knowledge.base.hit.ratio", this, m -> ratio(m.matched.count(), m.unmatched.count()))
                .description("Share of triaged jobs a known error explained").register(registry);
        Gauge.builder("triage.knowledge.base.unmatched.ratio", this, m -> ratio(m.unmatched.count(), m.matched.count()))
                .description("Share of triaged jobs no known error explained").register(registry);
        duplicates = Counter.builder("chat.events.deduplicated").description("Redelivered events dropped")
                .register(registry);
        tickets = Counter.builder("tickets.filed").description("Tickets filed in a tracker").register(registry);
        Gauge.builder("knowledge.base.last.reload.refused", kbLastRefused, AtomicInteger::get)
                .description("1 when the last reload was refused and an older knowledge base keeps serving")
                .register(registry);
        for (String outcome : new String[] {"requested", "denied", "started", "failed"}) {
            rerunCounter(outcome);
        }
        // Present at zero from the start, so a dashboard's rate() has a series before the first event.
        for (String platform : new String[] {"slack", "teams"}) {
            chatCounter(EVENTS, platform);
            chatCounter(REJECTIONS, platform);
            chatCounter(ERRORS, platform);
            chatCounter(UNDELIVERED, platform);
        }
        chatCounter(ERRORS, "worker");
    }

    private static final String EVENTS = "chat.events.received";
    private static final String REJECTIONS = "chat.signature.rejections";
    private static final String ERRORS = "chat.handler.errors";
    private static final String UNDELIVERED = "chat.posts.undelivered";

    private Counter chatCounter(String name, String platform) {
        String description = switch (name) {
            case EVENTS -> "Chat requests that passed the signature or token check";
            case REJECTIONS -> "Chat requests refused for a missing, stale or wrong signature or token";
            case ERRORS -> "Chat request handlers and chat tasks that threw";
            default -> "Messages and cards the chat platform did not take after retries";
        };
        // Handler errors are labelled by where they happened (a platform, or the shared workers).
        return Counter.builder(name).description(description).tag(name.equals(ERRORS) ? "where" : "platform", platform)
                .register(registry);
    }

    private Counter kbCounter(String result) {
        return Counter.builder("triage.knowledge.base").description("Triaged jobs by knowledge-base match")
                .tag("result", result).register(registry);
    }

    private Counter rerunCounter(String outcome) {
        return Counter.builder("reruns").description("Rerun requests by outcome").tag("outcome", outcome)
                .register(registry);
    }

    private static double ratio(double part, double rest) {
        double all = part + rest;
        return all == 0 ? 0 : part / all;
    }

    @Override
    public <T> T time(Stage stage, Supplier<T> work) {
        return stages.get(stage).record(work);
    }

    @Override
    public void triaged(Verdict verdict, boolean knownErrorMatched) {
        verdicts.get(verdict).increment();
        (knownErrorMatched ? matched : unmatched).increment();
    }

    @Override
    public void providerError(String provider, String kind) {
        Counter.builder("ci.provider.errors").description("Problems answered by CI instances")
                .tag("provider", provider).tag("kind", kind).register(registry).increment();
    }

    @Override
    public void rateLimitWait(String provider, Duration waited) {
        Timer.builder("ci.rate.limit.waits").description("Waits for a CI instance's rate limit")
                .tag("provider", provider).register(registry).record(waited);
    }

    @Override
    public void rerun(String outcome) {
        rerunCounter(outcome).increment();
    }

    @Override
    public void ticketFiled() {
        tickets.increment();
    }

    @Override
    public void duplicateEvent() {
        duplicates.increment();
    }

    @Override
    public void knowledgeBaseReload(boolean accepted) {
        Counter.builder("knowledge.base.reloads").description("Knowledge-base reloads by outcome")
                .tag("outcome", accepted ? "accepted" : "refused").register(registry).increment();
        kbLastRefused.set(accepted ? 0 : 1);
    }

    @Override
    public void knowledgeBaseSize(IntSupplier entries) {
        // Micrometer holds a gauge's object weakly; a method reference nobody else keeps would be collected and
        // the gauge would read NaN from then on.
        Gauge.builder("knowledge.base.entries", entries, e -> e.getAsInt()).strongReference(true)
                .description("Known errors in the knowledge base that serves now").register(registry);
    }

    @Override
    public void queueDepth(IntSupplier depth) {
        Gauge.builder("executor.queue.depth", depth, d -> d.getAsInt()).strongReference(true)
                .description("Chat tasks accepted and not finished").register(registry);
    }

    /** {@code store_reachable}: 1 while the state store answers, 0 while it does not. */
    public void storeReachable(BooleanSupplier up) {
        Gauge.builder("store.reachable", up, u -> u.getAsBoolean() ? 1 : 0).strongReference(true)
                .description("1 while the state store answers queries, 0 while it does not").register(registry);
    }

    @Override
    public void delivery(String source, String outcome) {
        Counter.builder("webhook.deliveries").description("CI webhook deliveries by source and outcome")
                .tag("source", source).tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void absorbedByBanner() {
        Counter.builder("webhook.cards.grouped").description("Failure cards left out because an outage banner counts them")
                .register(registry).increment();
    }

    @Override
    public void workTakenOver(String kind) {
        Counter.builder("pending.work.taken.over")
                .description("Acknowledged pastes and deliveries another instance left unfinished, taken over here")
                .tag("kind", kind).register(registry).increment();
    }

    @Override
    public void rerunOutcome(boolean passed) {
        Counter.builder("reruns.outcomes").description("Reruns of triaged failures by how the later attempt ended")
                .tag("outcome", passed ? "passed" : "failed").register(registry).increment();
    }

    @Override
    public void bannerOpened() {
        Counter.builder("webhook.outage.banners").description("Outage banners posted").register(registry).increment();
    }

    @Override
    public void chatEventReceived(String platform) {
        chatCounter(EVENTS, platform).increment();
    }

    @Override
    public void signatureRejected(String platform) {
        chatCounter(REJECTIONS, platform).increment();
    }

    @Override
    public void handlerError(String where) {
        chatCounter(ERRORS, where).increment();
    }

    @Override
    public void undeliveredPost(String platform) {
        chatCounter(UNDELIVERED, platform).increment();
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }
}
